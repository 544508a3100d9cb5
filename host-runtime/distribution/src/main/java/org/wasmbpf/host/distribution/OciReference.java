package org.wasmbpf.host.distribution;

import java.util.regex.Pattern;

/**
 * {@code oci://HOST[:PORT]/REPO[/SUB...][:TAG][@sha256:HEX]}: a module in an OCI registry. The
 * grammar of the repository, tag and digest is the distribution spec's; without tag or digest the
 * tag is {@code latest}, as docker and ORAS take it. With a digest the digest is what is fetched
 * (the tag, if any, only says where it came from).
 */
public record OciReference(String registry, String repository, String tag, String digest) {
    public static final String SCHEME = "oci://";
    public static final String DEFAULT_TAG = "latest";
    private static final Pattern REPOSITORY = Pattern.compile(
            "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
    private static final Pattern REGISTRY = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
                    + "|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?");

    /** Whether {@code text} is meant as an OCI reference (it may still be a malformed one). */
    public static boolean isOci(String text) {
        return text.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    /** Parses {@code oci://...}; the message says what is wrong with it. */
    public static OciReference parse(String text) throws IllegalArgumentException {
        if (!isOci(text)) {
            throw new IllegalArgumentException("not an OCI reference (oci://HOST[:PORT]/REPO[:TAG|@sha256:HEX])");
        }
        String rest = text.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("no repository: expected oci://HOST[:PORT]/REPO[:TAG]");
        }
        String registry = rest.substring(0, slash);
        if (!REGISTRY.matcher(registry).matches()) {
            throw new IllegalArgumentException("bad registry host '" + registry + "'");
        }
        String path = rest.substring(slash + 1);
        String digest = null;
        int at = path.indexOf('@');
        if (at >= 0) {
            digest = path.substring(at + 1);
            path = path.substring(0, at);
            if (!Digests.isSha256(digest)) {
                throw new IllegalArgumentException("bad digest '" + digest + "' (sha256: and 64 lowercase hex digits)");
            }
        }
        String tag = null;
        int colon = path.lastIndexOf(':');
        if (colon > path.lastIndexOf('/')) {
            tag = path.substring(colon + 1);
            path = path.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw new IllegalArgumentException("bad tag '" + tag + "'");
            }
        }
        if (!REPOSITORY.matcher(path).matches()) {
            throw new IllegalArgumentException("bad repository name '" + path
                    + "' (lowercase letters, digits and . _ - between them, / between components)");
        }
        if (tag == null && digest == null) {
            tag = DEFAULT_TAG;
        }
        return new OciReference(registry, path, tag, digest);
    }

    /** The host without port or IPv6 brackets, for the transport rule. */
    public String host() {
        String hostPort = registry;
        if (hostPort.startsWith("[")) {
            return hostPort.substring(1, hostPort.indexOf(']'));
        }
        int colon = hostPort.indexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    /** What {@code /v2/<name>/manifests/} is followed by: the digest if there is one, else the tag. */
    public String manifestReference() {
        return digest != null ? digest : tag;
    }

    /** The same repository and tag, pinned to {@code manifestDigest}. */
    public OciReference withDigest(String manifestDigest) {
        return new OciReference(registry, repository, tag, manifestDigest);
    }

    @Override
    public String toString() {
        return SCHEME + registry + "/" + repository + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }
}
