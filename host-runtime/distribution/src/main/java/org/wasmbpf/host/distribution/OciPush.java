package org.wasmbpf.host.distribution;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** {@code wasm-bpf push}: a module or BPF object as an OCI artifact (config, one layer, manifest) under a tag. */
public final class OciPush {
    /** The config blob: nothing to configure, and {@code {}} is what wasm-to-oci and ORAS push. */
    private static final byte[] EMPTY_CONFIG = "{}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] WASM_MAGIC = {0, 'a', 's', 'm'};
    private static final byte[] ELF_MAGIC = {0x7f, 'E', 'L', 'F'};

    private OciPush() {}

    /**
     * Pushes {@code bytes} (a Wasm module or an ELF BPF object, told by their magic) as
     * {@code fileName} to {@code ref}'s tag; returns the manifest's digest.
     */
    public static String push(RegistryClient registry, OciReference ref, byte[] bytes, String fileName)
            throws DistributionException {
        if (ref.tag() == null || ref.digest() != null) {
            throw DistributionException.content("push needs a tag and no digest (the registry computes that)");
        }
        boolean elf = startsWith(bytes, ELF_MAGIC);
        if (!elf && !startsWith(bytes, WASM_MAGIC)) {
            throw DistributionException.content("neither a WebAssembly module nor an ELF BPF object");
        }
        Descriptor config = Descriptor.of(elf ? MediaTypes.BPF_CONFIG : MediaTypes.WASM_CONFIG, EMPTY_CONFIG, Map.of());
        Descriptor layer = Descriptor.of(elf ? MediaTypes.BPF_LAYER : MediaTypes.WASM_LAYER, bytes,
                Map.of(MediaTypes.TITLE, fileName));
        byte[] manifest = OciManifest.write(config, layer);
        String repository = ref.repository();
        // A blob the registry has is not sent again: re-pushing a tag costs a HEAD per blob.
        if (!registry.hasBlob(repository, config.digest())) {
            registry.pushBlob(repository, EMPTY_CONFIG, config.digest());
        }
        if (!registry.hasBlob(repository, layer.digest())) {
            registry.pushBlob(repository, bytes, layer.digest());
        }
        String digest = Digests.of(manifest);
        String claimed = registry.putManifest(repository, ref.tag(), manifest);
        if (claimed != null && !claimed.equals(digest)) {
            throw DistributionException.integrity("the registry stored the manifest as " + claimed + ", not " + digest);
        }
        return digest;
    }

    private static boolean startsWith(byte[] bytes, byte[] magic) {
        if (bytes.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (bytes[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
