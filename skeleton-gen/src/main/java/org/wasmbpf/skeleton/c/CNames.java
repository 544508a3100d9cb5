package org.wasmbpf.skeleton.c;

import java.util.Locale;

/** Names derived from the object file name: {@code bootstrap.bpf.o} -> {@code bootstrap}. */
public final class CNames {
    private CNames() {
    }

    /** The skeleton's base name: file name without {@code .bpf.o} (or {@code .o}), made a C identifier. */
    public static String baseName(String fileName) {
        String n = fileName;
        int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
        n = n.substring(slash + 1);
        if (n.endsWith(".bpf.o")) {
            n = n.substring(0, n.length() - ".bpf.o".length());
        } else if (n.endsWith(".o")) {
            n = n.substring(0, n.length() - 2);
        }
        String id = n.replaceAll("[^A-Za-z0-9_]", "_");
        if (id.isEmpty() || Character.isDigit(id.charAt(0))) {
            id = "_" + id;
        }
        return id;
    }

    static String guard(String baseName, String suffix) {
        return "__" + baseName.toUpperCase(Locale.ROOT) + "_" + suffix + "__";
    }

    /** A C string literal for names that come from the object (section and map names). */
    static String literal(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                b.append(String.format("\\%03o", (int) c & 0xff));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
