package org.wasmbpf.host.distribution;

import java.util.Map;

/** An OCI content descriptor: what a manifest says a blob is. */
public record Descriptor(String mediaType, String digest, long size, Map<String, String> annotations) {
    public Descriptor {
        annotations = Map.copyOf(annotations);
    }

    /** The descriptor of {@code bytes} as {@code mediaType}. */
    static Descriptor of(String mediaType, byte[] bytes, Map<String, String> annotations) {
        return new Descriptor(mediaType, Digests.of(bytes), bytes.length, annotations);
    }

    public String title() {
        return annotations.get(MediaTypes.TITLE);
    }

    /** Throws unless {@code bytes} are what this descriptor says, in size and digest. */
    void verify(byte[] bytes, String what) throws DistributionException {
        if (bytes.length != size) {
            throw DistributionException.integrity(what + " " + digest + " is " + bytes.length
                    + " bytes, its descriptor says " + size);
        }
        String actual = Digests.of(bytes);
        if (!actual.equals(digest)) {
            throw DistributionException.integrity(what + " " + digest + " does not match its digest: its bytes are " + actual);
        }
    }
}
