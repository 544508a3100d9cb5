package org.wasmbpf.tests.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the built artifacts the integration tests use live. */
public final class Repo {
    private Repo() {}

    public static Path root() {
        String root = System.getProperty("repo.root");
        Path p = root != null ? Path.of(root) : Path.of("..");
        return p.toAbsolutePath().normalize();
    }

    public static Path cliJar() {
        return existing(root().resolve("host-runtime/cli/target/wasm-bpf.jar"));
    }

    public static Path cExample(String name) {
        return existing(root().resolve("examples-c/target/" + name + ".wasm"));
    }

    /** An example's module in one of the guest languages: {@code c} or {@code java}. */
    public static Path example(String language, String name) {
        return existing(root().resolve("examples-" + language + "/target/" + name + ".wasm"));
    }

    public static Path cExampleBuildDir() {
        return existing(root().resolve("examples-c/target"));
    }

    public static Path guestSdkC() {
        return existing(root().resolve("guest-sdk/c"));
    }

    private static Path existing(Path p) {
        if (!Files.exists(p)) {
            throw new IllegalStateException(p + " does not exist: build the project first (mvn install)");
        }
        return p;
    }
}
