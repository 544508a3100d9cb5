package org.wasmbpf.skeleton.java;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.wasmbpf.skeleton.Cli;

/** Runs {@code skeleton-gen java} on a compiled fixture object, as an example's build does. */
final class JavaFixture {
    static final String PACKAGE = "org.example.fixture";

    private JavaFixture() {
    }

    /** Generates into {@code out}; returns the package directory. */
    static Path generate(Path object, Path out) {
        Cli.Result r = Cli.run("java", "--out", out.toString(), "--package", PACKAGE,
                "--kernel-btf", "/sys/kernel/btf/vmlinux", object.toString());
        assertEquals(0, r.exitCode(), "skeleton-gen java failed: " + r.err());
        return out.resolve(PACKAGE.replace('.', '/'));
    }
}
