package org.wasmbpf.host.chicory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Whether compiled classes from the cache run some functions in Chicory's interpreter (those too
 * large for one JVM method), which then needs their bodies. Chicory's generated machine class
 * creates the interpreter in its constructor only when there are such functions, so the class
 * names it in its constant pool exactly then.
 */
final class InterpreterFallbackScan {
    /** Chicory's default, which {@link ChicoryBackend} keeps, in its archive's layout. */
    private static final String MACHINE_CLASS = "com/dylibso/chicory/$gen/CompiledMachine.class";
    private static final byte[] INTERPRETER =
            "com/dylibso/chicory/runtime/internal/CompilerInterpreterMachine".getBytes(StandardCharsets.US_ASCII);

    private InterpreterFallbackScan() {}

    /** True unless the machine class is found and does not name the interpreter. */
    static boolean callsInterpreter(byte[] cachedClasses) {
        try (ZipInputStream archive = new ZipInputStream(new ByteArrayInputStream(cachedClasses))) {
            for (ZipEntry e = archive.getNextEntry(); e != null; e = archive.getNextEntry()) {
                if (e.getName().equals(MACHINE_CLASS)) {
                    return contains(archive.readAllBytes(), INTERPRETER);
                }
            }
        } catch (IOException e) {
            // an archive Chicory cannot load either: loading it fails and evicts the entry
        }
        return true;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
