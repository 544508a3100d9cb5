package org.wasmbpf.bpf.layout;

import java.util.List;

/** Size, alignment and every member's place of one struct or union for one target. */
public record StructLayout(String name, long size, int align, List<FieldLayout> fields) {
    public FieldLayout field(String path) {
        return fields.stream().filter(f -> f.path().equals(path)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " has no member " + path));
    }
}
