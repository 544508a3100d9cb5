package org.wasmbpf.host.distribution;

import java.util.Optional;

/**
 * Fetches the module of an OCI reference, trusting nothing the registry says without checking it:
 * the manifest against the reference's digest (and the registry's Docker-Content-Digest), the
 * layer against the manifest's descriptor, and against the pin when one is given.
 */
public final class OciPull {
    private OciPull() {}

    /**
     * The module {@code ref} names; {@code pin} ({@code sha256:...} or null) must be its layer's
     * digest. A layer already in {@code cache} is not downloaded again.
     */
    public static ModuleArtifact pull(RegistryClient registry, OciReference ref, String pin, ContentCache cache)
            throws DistributionException {
        RegistryClient.FetchedManifest fetched = registry.getManifest(ref);
        String manifestDigest = Digests.of(fetched.bytes());
        if (ref.digest() != null && !ref.digest().equals(manifestDigest)) {
            throw DistributionException.integrity("the registry sent a manifest whose digest is " + manifestDigest);
        }
        if (fetched.claimedDigest() != null && !fetched.claimedDigest().equals(manifestDigest)) {
            throw DistributionException.integrity("the manifest's digest is " + manifestDigest + ", the registry says "
                    + fetched.claimedDigest());
        }
        Descriptor layer = OciManifest.moduleLayer(fetched.bytes());
        if (layer.size() > HttpDownloads.MAX_MODULE) {
            throw DistributionException.content("the layer is " + layer.size() + " bytes, more than the "
                    + (HttpDownloads.MAX_MODULE >> 20) + " MiB a module may have");
        }
        if (pin != null && !pin.equals(layer.digest())) {
            throw DistributionException.integrity("the module is " + layer.digest() + ", not the pinned " + pin);
        }
        Optional<byte[]> cached = cache.get(layer.digest());
        byte[] bytes;
        if (cached.isPresent() && cached.get().length == layer.size()) {
            bytes = cached.get();
        } else {
            bytes = registry.getBlob(ref.repository(), layer);
            cache.put(layer.digest(), bytes);
        }
        return new ModuleArtifact(bytes, fileName(layer, ref), layer.digest());
    }

    /**
     * The layer's title if it is a plain file name (a title with a path in it could make pull
     * write outside the directory it is told), else the repository's last component.
     */
    static String fileName(Descriptor layer, OciReference ref) {
        String title = layer.title();
        if (title != null && !title.isEmpty() && !title.contains("/") && !title.contains("\\") && !title.equals(".")
                && !title.equals("..") && title.chars().noneMatch(c -> c < 0x20)) {
            return title;
        }
        String repo = ref.repository();
        String base = repo.substring(repo.lastIndexOf('/') + 1);
        return base + (MediaTypes.BPF_LAYER.equals(layer.mediaType()) ? ".bpf.o" : ".wasm");
    }
}
