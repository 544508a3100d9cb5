package org.wasmbpf.host.distribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OciManifestTest {
    private static final byte[] MODULE = {0, 'a', 's', 'm', 1, 0, 0, 0};

    @Test
    void writtenManifestsReadBackAndAreTheSameEachTime() {
        Descriptor config = Descriptor.of(MediaTypes.WASM_CONFIG, "{}".getBytes(StandardCharsets.UTF_8), Map.of());
        Descriptor layer = Descriptor.of(MediaTypes.WASM_LAYER, MODULE, Map.of(MediaTypes.TITLE, "app.wasm"));
        byte[] manifest = OciManifest.write(config, layer);
        assertArrayEquals(manifest, OciManifest.write(config, layer));
        String json = new String(manifest, StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\""), json);
        Descriptor read = assertDoesNotThrow(manifest);
        assertEquals(layer, read);
        assertEquals("app.wasm", read.title());
    }

    private static Descriptor assertDoesNotThrow(byte[] manifest) {
        return org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> OciManifest.moduleLayer(manifest));
    }

    @Test
    void otherToolsWasmLayerTypesAreTaken() {
        String json = "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\","
                + "\"digest\":\"sha256:" + "0".repeat(64) + "\",\"size\":2},\"layers\":["
                + "{\"mediaType\":\"text/plain\",\"digest\":\"sha256:" + "1".repeat(64) + "\",\"size\":3},"
                + "{\"mediaType\":\"application/wasm\",\"digest\":\"sha256:" + "2".repeat(64) + "\",\"size\":8}]}";
        Descriptor layer = assertDoesNotThrow(json.getBytes(StandardCharsets.UTF_8));
        assertEquals("application/wasm", layer.mediaType());
        assertNull(layer.title());
    }

    @Test
    void indexesImagesAndBadDescriptorsAreRefused() {
        for (String json : new String[] {
            "not json",
            "{\"schemaVersion\":1}",
            "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[]}",
            "{\"schemaVersion\":2,\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
                    + "\"digest\":\"sha256:" + "1".repeat(64) + "\",\"size\":3}]}",
            "{\"schemaVersion\":2,\"layers\":[{\"mediaType\":\"" + MediaTypes.WASM_LAYER + "\",\"digest\":\"sha256:x\",\"size\":3}]}",
            "{\"schemaVersion\":2,\"layers\":[{\"mediaType\":\"" + MediaTypes.WASM_LAYER + "\",\"digest\":\"sha256:"
                    + "1".repeat(64) + "\",\"size\":-1}]}"}) {
            DistributionException e = assertThrows(DistributionException.class,
                    () -> OciManifest.moduleLayer(json.getBytes(StandardCharsets.UTF_8)), json);
            assertEquals(DistributionException.Kind.CONTENT, e.kind(), json);
        }
    }

    @Test
    void aDescriptorChecksSizeThenDigest() {
        Descriptor layer = Descriptor.of(MediaTypes.WASM_LAYER, MODULE, Map.of());
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> layer.verify(MODULE, "blob"));
        byte[] flipped = MODULE.clone();
        flipped[7] = 1;
        assertEquals(DistributionException.Kind.INTEGRITY,
                assertThrows(DistributionException.class, () -> layer.verify(flipped, "blob")).kind());
        assertTrue(assertThrows(DistributionException.class, () -> layer.verify(new byte[3], "blob"))
                .getMessage().contains("is 3 bytes, its descriptor says 8"));
    }

    @Test
    void aTitleWithAPathIsNotAFileNameForPull() {
        OciReference ref = OciReference.parse("oci://h/tools/boot:v1");
        assertEquals("app.wasm", OciPull.fileName(new Descriptor(MediaTypes.WASM_LAYER, "sha256:" + "1".repeat(64), 1,
                Map.of(MediaTypes.TITLE, "app.wasm")), ref));
        assertEquals("boot.wasm", OciPull.fileName(new Descriptor(MediaTypes.WASM_LAYER, "sha256:" + "1".repeat(64), 1,
                Map.of(MediaTypes.TITLE, "../../etc/x")), ref));
        assertEquals("boot.bpf.o", OciPull.fileName(new Descriptor(MediaTypes.BPF_LAYER, "sha256:" + "1".repeat(64), 1,
                Map.of()), ref));
    }

    @Test
    void pinsAreTakenAsUsersTypeThem() {
        String hex = "AB".repeat(32);
        assertEquals("sha256:" + hex.toLowerCase(), Digests.parsePin(hex));
        assertEquals("sha256:" + hex.toLowerCase(), Digests.parsePin("sha256:" + hex));
        assertNull(Digests.parsePin("abc"));
    }
}
