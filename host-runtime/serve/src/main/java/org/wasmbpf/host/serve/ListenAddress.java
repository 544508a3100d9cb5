package org.wasmbpf.host.serve;

import java.nio.file.Path;

/** {@code --listen}: {@code unix:PATH} or {@code HOST:PORT} ({@code [v6]:PORT} for IPv6). */
record ListenAddress(Path unixPath, String host, int port) {
    static final String DEFAULT = "unix:/run/wasm-bpf.sock";

    boolean isUnix() {
        return unixPath != null;
    }

    /** @throws IllegalArgumentException with the one line a user should see */
    static ListenAddress parse(String text) {
        if (text.startsWith("unix:")) {
            String path = text.substring("unix:".length());
            if (path.isEmpty()) {
                throw new IllegalArgumentException("--listen unix: needs a path, e.g. " + DEFAULT);
            }
            return new ListenAddress(Path.of(path).toAbsolutePath(), null, 0);
        }
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("--listen must be unix:PATH or HOST:PORT: " + text);
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--listen: bad port in " + text + " (0..65535; 0 picks a free one)");
        }
        return new ListenAddress(null, host, port);
    }

    @Override
    public String toString() {
        return isUnix() ? "unix:" + unixPath : (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
