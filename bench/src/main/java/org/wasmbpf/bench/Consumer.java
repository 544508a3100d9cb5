package org.wasmbpf.bench;

import java.util.List;

/**
 * A program measured by the bench: {@code name} is what the report calls it ({@code native},
 * {@code c-chicory-compiled}, {@code java-wasmtime}...), {@code command} starts it without the
 * per-run arguments.
 */
public record Consumer(String name, String language, String engine, List<String> command) {
    public boolean isNative() {
        return language.equals("native");
    }
}
