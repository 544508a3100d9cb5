package org.wasmbpf.skeleton.java;

import java.util.Locale;
import java.util.Set;

/** Java names for what the object names in C: {@code min_duration_ns} -> {@code minDurationNs}. */
public final class JavaNames {
    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "var", "record", "yield", "sealed", "permits",
            "_");

    private JavaNames() {
    }

    /** {@code exit_event} -> {@code exitEvent}; a Java keyword gets a trailing '_'. */
    public static String member(String cName) {
        String camel = camel(cName, false);
        return KEYWORDS.contains(camel) ? camel + "_" : camel;
    }

    /** {@code fx_inner} -> {@code FxInner}. */
    public static String type(String cName) {
        return camel(cName, true);
    }

    /** {@code comm} -> {@code COMM}, {@code named.s1} -> {@code NAMED_S1}. */
    public static String constant(String cPath) {
        String c = cPath.replace('.', '_').replaceAll("_+", "_").replaceAll("^_|_$", "").toUpperCase(Locale.ROOT);
        return c.isEmpty() ? "FIELD" : c;
    }

    /** True for a dotted sequence of Java identifiers that are not keywords. */
    public static boolean isPackage(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (String part : name.split("\\.", -1)) {
            if (part.isEmpty() || KEYWORDS.contains(part) || !Character.isJavaIdentifierStart(part.charAt(0))
                    || !part.chars().allMatch(Character::isJavaIdentifierPart)) {
                return false;
            }
        }
        return true;
    }

    private static String camel(String cName, boolean upperFirst) {
        StringBuilder out = new StringBuilder();
        boolean upper = upperFirst;
        for (char c : cName.toCharArray()) {
            if (c == '_' || c == '.') {
                upper = out.length() > 0 || upperFirst;
                continue;
            }
            out.append(upper ? Character.toUpperCase(c) : c);
            upper = false;
        }
        if (out.length() == 0) {
            return upperFirst ? "Unnamed" : "field";
        }
        if (Character.isDigit(out.charAt(0))) {
            out.insert(0, upperFirst ? "T" : "f");
        }
        return out.toString();
    }
}
