package org.wasmbpf.host.distribution;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code WWW-Authenticate} challenge (RFC 7235): a scheme and its parameters, e.g.
 * {@code Bearer realm="https://auth.example/token",service="registry.example",scope="repository:app:pull"}
 * or {@code Basic realm="registry"}. Only the first challenge of a header is read; registries send one.
 */
public record AuthChallenge(String scheme, Map<String, String> params) {
    /** Parses the header; the scheme is lowercased, parameter names too, values unquoted. */
    public static AuthChallenge parse(String header) {
        String h = header.trim();
        int space = indexOfSpace(h);
        String scheme = (space < 0 ? h : h.substring(0, space)).toLowerCase(Locale.ROOT);
        Map<String, String> params = new LinkedHashMap<>();
        int i = space < 0 ? h.length() : space;
        while (i < h.length()) {
            while (i < h.length() && (h.charAt(i) == ' ' || h.charAt(i) == ',')) {
                i++;
            }
            int eq = h.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = h.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            if (name.contains(" ")) { // a second challenge begins: not ours to read
                break;
            }
            StringBuilder value = new StringBuilder();
            i = eq + 1;
            if (i < h.length() && h.charAt(i) == '"') {
                for (i++; i < h.length() && h.charAt(i) != '"'; i++) {
                    char c = h.charAt(i);
                    if (c == '\\' && i + 1 < h.length()) {
                        c = h.charAt(++i);
                    }
                    value.append(c);
                }
                i++; // the closing quote
            } else {
                for (; i < h.length() && h.charAt(i) != ','; i++) {
                    value.append(h.charAt(i));
                }
            }
            params.put(name, value.toString().trim());
        }
        return new AuthChallenge(scheme, params);
    }

    private static int indexOfSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    public String param(String name) {
        return params.get(name);
    }
}
