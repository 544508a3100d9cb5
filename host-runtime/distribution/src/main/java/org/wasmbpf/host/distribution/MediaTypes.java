package org.wasmbpf.host.distribution;

import java.util.Set;

/**
 * The media types of a module artifact. A Wasm module is pushed as wasm-to-oci, ORAS and ecli push
 * one, so their tools can pull it; a BPF object has no common convention and gets types of our
 * own (docs/distribution.md). Pull also takes the Wasm layer types other tools write.
 */
public final class MediaTypes {
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String WASM_CONFIG = "application/vnd.wasm.config.v1+json";
    public static final String WASM_LAYER = "application/vnd.wasm.content.layer.v1+wasm";
    public static final String BPF_CONFIG = "application/vnd.wasm-bpf.config.v1+json";
    public static final String BPF_LAYER = "application/vnd.wasm-bpf.object.v1+elf";
    /** ORAS's layer annotation for the file name; pull names its output after it. */
    public static final String TITLE = "org.opencontainers.image.title";

    private static final Set<String> WASM_LAYERS = Set.of(WASM_LAYER, "application/wasm",
            "application/vnd.module.wasm.content.layer.v1+wasm");

    private MediaTypes() {}

    /** Whether a layer of this type is a module or object this tool runs. */
    public static boolean isModuleLayer(String mediaType) {
        return WASM_LAYERS.contains(mediaType) || BPF_LAYER.equals(mediaType);
    }
}
