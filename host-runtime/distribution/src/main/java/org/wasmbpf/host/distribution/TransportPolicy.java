package org.wasmbpf.host.distribution;

import java.net.URI;
import java.util.Locale;

/**
 * Plain HTTP only to this machine, as docker treats 127.0.0.0/8 as an insecure registry and
 * nothing else unless told: a module is code that loads programs into the kernel, and anyone on
 * the path of a plain HTTP download could swap it. Checked on every URL before a connection is
 * made, redirects and token realms included. Names are not resolved: only {@code localhost}
 * itself counts as a loopback name, since a resolver may answer anything for another.
 */
public final class TransportPolicy {
    private TransportPolicy() {}

    /** Whether {@code host} (no port, no brackets) is a loopback address or {@code localhost}. */
    public static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        String[] octets = h.split("\\.", -1);
        if (octets.length != 4 || !octets[0].equals("127")) {
            return false;
        }
        for (String o : octets) {
            if (!o.matches("[0-9]{1,3}") || Integer.parseInt(o) > 255) {
                return false;
            }
        }
        return true;
    }

    /** The scheme to talk to a registry in: plain HTTP on loopback (a local test registry), HTTPS elsewhere. */
    public static String registryScheme(String host) {
        return isLoopback(host) ? "http" : "https";
    }

    /** Throws unless {@code uri} may be fetched: https anywhere, http to loopback only, nothing else. */
    public static void check(URI uri) throws DistributionException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw DistributionException.fetch("no host in URL " + uri);
        }
        switch (scheme) {
            case "https" -> { }
            case "http" -> {
                if (!isLoopback(host)) {
                    throw DistributionException.fetch("refused plain http to " + host
                            + ": allowed only to loopback (127.0.0.0/8, ::1, localhost); use https");
                }
            }
            default -> throw DistributionException.fetch("unsupported URL scheme '" + scheme + "' (https, or http to loopback)");
        }
    }
}
