package org.wasmbpf.host.libbpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every function of {@link CFunction} is bound by the binding in use (the build runs this through
 * both), and its declaration agrees with the C prototype in the system's headers: the number of
 * parameters, which are pointers and which 32- or 64-bit integers, and that an array the callee
 * only reads is {@code const}.
 */
class CFunctionBindingKernelTest {
    private static final Path LIBBPF_H = Path.of("/usr/include/bpf/libbpf.h");
    private static final List<String> HEADERS = List.of("bpf/libbpf.h", "bpf/bpf.h", "fcntl.h", "unistd.h", "sys/mount.h",
            "string.h", "stdio.h", "stdlib.h", "sys/mman.h", "sys/epoll.h", "net/if.h");
    private static final List<String> INCLUDE_DIRS = List.of("/usr/include", "/usr/include/x86_64-linux-gnu",
            "/usr/include/aarch64-linux-gnu");

    @Test
    void everyFunctionIsBoundByTheBindingInUse() {
        NativeBinding binding = Native.binding();
        for (CFunction f : CFunction.values()) {
            assertNull(f.unbindableBecause(), f.symbol());
            assertNotNull(binding.bind(f), f.symbol());
        }
    }

    @Test
    void everyDeclarationMatchesItsPrototype() throws IOException {
        assumeTrue(Files.exists(LIBBPF_H), "libbpf's headers (libbpf-dev) are installed");
        StringBuilder all = new StringBuilder();
        for (String header : HEADERS) {
            for (String dir : INCLUDE_DIRS) {
                Path h = Path.of(dir, header);
                if (Files.exists(h)) {
                    all.append(Files.readString(h)).append('\n');
                }
            }
        }
        // Comments out, so that a prototype quoted in one is not taken for the declaration.
        String headers = all.toString().replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ");
        List<String> checked = new ArrayList<>();
        for (CFunction f : CFunction.values()) {
            Matcher m = Pattern.compile("(?:LIBBPF_API|extern)\\s+([^;(){}#]*?)\\b" + f.symbol()
                    + "\\s*\\(([^;]*?)\\)\\s*(?:__THROW|__wur|__nonnull|__attr|;)").matcher(headers);
            if (!m.find()) {
                continue;
            }
            String[] params = m.group(2).trim().equals("void") ? new String[0] : m.group(2).split(",");
            List<String> cParams = new ArrayList<>();
            for (String p : params) {
                if (!p.trim().equals("...")) {
                    cParams.add(p.trim());
                }
            }
            assertEquals(kind(m.group(1), false), f.result(), f.symbol() + "'s result: " + m.group(1));
            assertEquals(cParams.size(), f.parameterCount(), f.symbol() + "'s parameters: " + cParams);
            for (int i = 0; i < cParams.size(); i++) {
                CFunction.Kind declared = f.parameter(i);
                String c = cParams.get(i);
                if (declared == CFunction.Kind.IN_ARRAY || declared == CFunction.Kind.OUT_ARRAY) {
                    assertEquals(CFunction.Kind.POINTER, kind(c, true), f.symbol() + " parameter " + i + ": " + c);
                    assertEquals(declared == CFunction.Kind.IN_ARRAY, c.startsWith("const "), f.symbol() + " parameter " + i + ": " + c);
                } else {
                    assertEquals(kind(c, true), declared, f.symbol() + " parameter " + i + ": " + c);
                }
            }
            checked.add(f.symbol());
        }
        List<String> symbols = new ArrayList<>();
        for (CFunction f : CFunction.values()) {
            symbols.add(f.symbol());
        }
        assertEquals(symbols, checked, "the functions whose prototype was found");
    }

    /** The kind a C type (with its parameter name, if {@code named}) is passed as on LP64. */
    private static CFunction.Kind kind(String c, boolean named) {
        String t = c.replace("__restrict", "").replace("const ", "").replace("extern ", "").trim();
        if (t.contains("*") || t.endsWith("_fn") || t.endsWith("_fn_t") || t.contains("va_list")) {
            return CFunction.Kind.POINTER;
        }
        if (named) {
            t = t.replaceAll("\\s*\\w+$", "");
        }
        t = t.trim();
        if (t.contains("_fn") || t.contains("va_list")) {
            return CFunction.Kind.POINTER;
        }
        return switch (t) {
            case "void" -> CFunction.Kind.VOID;
            case "int", "unsigned int", "__u32", "enum bpf_map_type" -> CFunction.Kind.INT;
            case "size_t", "__u64", "long", "long int", "unsigned long int", "__off_t" -> CFunction.Kind.LONG;
            default -> throw new AssertionError("a C type this test does not know: '" + t + "' in '" + c + "'");
        };
    }
}
