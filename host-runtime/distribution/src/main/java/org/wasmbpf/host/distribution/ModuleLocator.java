package org.wasmbpf.host.distribution;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code wasm-bpf run} does with an argument that is no local file: an {@code https://}
 * (or loopback {@code http://}) URL is downloaded, an {@code oci://} reference pulled, either into
 * the content-addressed cache, and the bytes checked against the {@code --sha256} pin if given.
 */
public final class ModuleLocator {
    private final ContentCache cache;

    public ModuleLocator(ContentCache cache) {
        this.cache = cache;
    }

    /** Whether {@code argument} names a module to fetch rather than a file. */
    public static boolean isRemote(String argument) {
        String a = argument.toLowerCase(Locale.ROOT);
        return a.startsWith("https://") || a.startsWith("http://") || OciReference.isOci(argument);
    }

    /** Fetches {@code argument}; {@code pin} is {@code sha256:<hex>} or null. */
    public ModuleArtifact fetch(String argument, String pin) throws DistributionException {
        if (OciReference.isOci(argument)) {
            OciReference ref;
            try {
                ref = OciReference.parse(argument);
            } catch (IllegalArgumentException e) {
                throw new DistributionException(DistributionException.Kind.REFERENCE, e.getMessage());
            }
            return OciPull.pull(RegistryClient.forReference(ref), ref, pin, cache);
        }
        URI uri;
        try {
            uri = new URI(argument);
        } catch (URISyntaxException e) {
            throw new DistributionException(DistributionException.Kind.REFERENCE, "not a URL: " + e.getReason());
        }
        TransportPolicy.check(uri);
        if (pin != null) {
            Optional<byte[]> cached = cache.get(pin);
            if (cached.isPresent()) {
                return new ModuleArtifact(cached.get(), HttpDownloads.fileName(uri), pin);
            }
        }
        ModuleArtifact downloaded = new HttpDownloads(new HttpTransport()).download(uri);
        if (pin != null && !pin.equals(downloaded.digest())) {
            throw DistributionException.integrity("the download is " + downloaded.digest() + ", not the pinned " + pin);
        }
        cache.put(downloaded.digest(), downloaded.bytes());
        return downloaded;
    }
}
