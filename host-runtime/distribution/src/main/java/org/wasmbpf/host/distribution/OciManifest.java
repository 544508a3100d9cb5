package org.wasmbpf.host.distribution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The OCI image manifest of a module artifact: one config blob, one layer holding the file. The
 * JSON is written with its fields in a fixed order and no timestamps, so pushing the same file
 * twice gives the same manifest digest.
 */
public final class OciManifest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OciManifest() {}

    /** The manifest's bytes, as pushed and digested. */
    static byte[] write(Descriptor config, Descriptor layer) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", 2);
        root.put("mediaType", MediaTypes.OCI_MANIFEST);
        root.set("config", descriptor(config));
        root.putArray("layers").add(descriptor(layer));
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serializes", e);
        }
    }

    private static ObjectNode descriptor(Descriptor d) {
        ObjectNode node = JSON.createObjectNode();
        node.put("mediaType", d.mediaType());
        node.put("digest", d.digest());
        node.put("size", d.size());
        if (!d.annotations().isEmpty()) {
            ObjectNode annotations = node.putObject("annotations");
            d.annotations().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> annotations.put(e.getKey(), e.getValue()));
        }
        return node;
    }

    /** The first layer of a type this tool runs; the message says why there is none. */
    static Descriptor moduleLayer(byte[] manifest) throws DistributionException {
        JsonNode root;
        try {
            root = JSON.readTree(manifest);
        } catch (IOException e) {
            throw DistributionException.content("the manifest is not JSON");
        }
        if (root == null || !root.isObject() || root.path("schemaVersion").asInt() != 2) {
            throw DistributionException.content("the manifest is not an OCI image manifest (schemaVersion 2)");
        }
        String mediaType = root.path("mediaType").asText(MediaTypes.OCI_MANIFEST);
        if (mediaType.equals(MediaTypes.OCI_INDEX) || root.has("manifests")) {
            throw DistributionException.content("is an image index (several platforms), not a module artifact");
        }
        if (!mediaType.equals(MediaTypes.OCI_MANIFEST)) {
            throw DistributionException.content("the manifest is " + mediaType + ", not " + MediaTypes.OCI_MANIFEST);
        }
        StringBuilder seen = new StringBuilder();
        for (JsonNode layer : root.path("layers")) {
            String type = layer.path("mediaType").asText("");
            if (MediaTypes.isModuleLayer(type)) {
                return parseDescriptor(layer);
            }
            seen.append(seen.length() == 0 ? "" : ", ").append(type);
        }
        throw DistributionException.content("no Wasm module or BPF object layer in the manifest"
                + (seen.length() == 0 ? "" : " (layers: " + seen + ")"));
    }

    private static Descriptor parseDescriptor(JsonNode node) throws DistributionException {
        String digest = node.path("digest").asText("");
        JsonNode size = node.get("size");
        if (!Digests.isSha256(digest)) {
            throw DistributionException.content("the layer's digest '" + digest + "' is not sha256:<64 hex>");
        }
        if (size == null || !size.canConvertToLong() || size.asLong() < 0) {
            throw DistributionException.content("the layer " + digest + " has no valid size");
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        node.path("annotations").fields().forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
        return new Descriptor(node.path("mediaType").asText(), digest, size.asLong(), annotations);
    }
}
