package org.wasmbpf.host.chicory;

import java.nio.charset.StandardCharsets;

/**
 * Whether compiled classes from the cache run some functions in Chicory's interpreter (those too
 * large for one JVM method), which then needs their bodies. Chicory's generated machine class
 * creates the interpreter in its constructor only when there are such functions, so the class
 * names it in its constant pool exactly then.
 */
final class InterpreterFallbackScan {
    private static final byte[] INTERPRETER =
            "com/dylibso/chicory/runtime/internal/CompilerInterpreterMachine".getBytes(StandardCharsets.US_ASCII);

    private InterpreterFallbackScan() {}

    /** Whether the machine class's bytes name the interpreter. */
    static boolean namesInterpreter(byte[] machineClass) {
        return contains(machineClass, INTERPRETER);
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
