package org.wasmbpf.bpf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The layout fixture (src/test/resources/layout) compiled with clang -g -O2 -target bpf into a
 * directory. It is in this module's test-jar: skeleton-gen's tests generate their headers and
 * classes from the same object.
 */
public final class Fixture {
    public static final String HEADER = "layout_structs.h";
    public static final String SOURCE = "layout_fixture.bpf.c";
    public static final String OBJECT = "fixture.bpf.o";

    private Fixture() {
    }

    /** Copies the fixture sources into {@code dir}, compiles the object and returns its path. */
    public static Path compile(Path dir) {
        copyResource("layout/" + HEADER, dir.resolve(HEADER));
        copyResource("layout/" + SOURCE, dir.resolve(SOURCE));
        Clang.run(dir, "-g", "-O2", "-target", "bpf", "-c", SOURCE, "-o", OBJECT);
        return dir.resolve(OBJECT);
    }

    public static void copyResource(String name, Path to) {
        try (InputStream in = Fixture.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " is missing");
            }
            Files.copy(in, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
