package org.wasmbpf.host.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The module file's bytes, or why they cannot be had, in words for one line of stderr. */
record ModuleFile(byte[] bytes, String failure) {
    static ModuleFile read(Path path) {
        if (!Files.exists(path)) {
            return new ModuleFile(null, "no such file");
        }
        if (!Files.isRegularFile(path)) {
            return new ModuleFile(null, Files.isDirectory(path) ? "is a directory, not a module file"
                    : "not a regular file");
        }
        try {
            return new ModuleFile(Files.readAllBytes(path), null);
        } catch (AccessDeniedException e) {
            return new ModuleFile(null, "permission denied");
        } catch (IOException e) {
            return new ModuleFile(null, "cannot read: " + e.getMessage());
        }
    }
}
