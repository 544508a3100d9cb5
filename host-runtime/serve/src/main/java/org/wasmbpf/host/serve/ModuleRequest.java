package org.wasmbpf.host.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.wasmbpf.host.WasmBpfHost;
import org.wasmbpf.host.distribution.Digests;
import org.wasmbpf.host.distribution.DistributionException;
import org.wasmbpf.host.distribution.ModuleArtifact;
import org.wasmbpf.host.distribution.ModuleLocator;

/**
 * What {@code POST /v1/runs} and {@code PUT /v1/runs/{id}} ask to run: the module's bytes as the
 * body ({@code application/wasm}, options in the query) or a JSON document.
 *
 * @param engine null for the server's default
 */
record ModuleRequest(byte[] module, String name, List<String> args, String engine) {
    static final String WASM = "application/wasm";
    static final String JSON = "application/json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Raw module bytes; {@code name}, {@code engine} and repeated {@code arg} from the query string. */
    static ModuleRequest ofBytes(byte[] body, String name, List<String> args, String engine) {
        return new ModuleRequest(body, name == null || name.isBlank() ? WasmBpfHost.DEFAULT_PROGRAM_NAME : name,
                List.copyOf(args), engine);
    }

    /**
     * {@code {"module_base64": "...", "name": "...", "args": [...], "engine": "chicory|wasmtime"}}, or
     * instead of module_base64 a {@code "url"} (https, or http to loopback) or an {@code "oci"}
     * reference, fetched as {@code wasm-bpf run} fetches them, with an optional {@code "sha256"} pin.
     */
    static ModuleRequest ofJson(ModuleLocator locator, byte[] body) {
        JsonNode doc;
        try {
            doc = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "malformed JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new ApiException(400, "unreadable JSON: " + e.getMessage());
        }
        if (doc == null || !doc.isObject()) {
            throw new ApiException(400, "the request body must be a JSON object");
        }
        byte[] module;
        String name = text(doc, "name");
        String reference = doc.has("url") ? text(doc, "url") : doc.has("oci") ? text(doc, "oci") : null;
        if (reference != null) {
            ModuleArtifact artifact = fetch(locator, reference, text(doc, "sha256"));
            module = artifact.bytes();
            name = name != null ? name : artifact.fileName();
        } else {
            JsonNode encoded = doc.get("module_base64");
            if (encoded == null || !encoded.isTextual()) {
                throw new ApiException(400, "missing module_base64 (a string), url or oci");
            }
            try {
                module = Base64.getDecoder().decode(encoded.asText());
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, "module_base64 is not base64: " + e.getMessage());
            }
        }
        List<String> args = new ArrayList<>();
        JsonNode a = doc.get("args");
        if (a != null && !a.isNull()) {
            if (!a.isArray()) {
                throw new ApiException(400, "args must be an array of strings");
            }
            for (JsonNode arg : a) {
                if (!arg.isTextual()) {
                    throw new ApiException(400, "args must be an array of strings");
                }
                args.add(arg.asText());
            }
        }
        return ofBytes(module, name, args, text(doc, "engine"));
    }

    /** The referenced module; the registry's or server's refusals as 400 (bad reference) or 502. */
    private static ModuleArtifact fetch(ModuleLocator locator, String reference, String sha256) {
        if (!ModuleLocator.isRemote(reference)) {
            throw new ApiException(400, "'" + reference + "' is not an https:// URL or an oci:// reference");
        }
        String pin = sha256 == null ? null : Digests.parsePin(sha256);
        if (sha256 != null && pin == null) {
            throw new ApiException(400, "sha256: not a SHA-256 digest (64 hex digits, optionally after sha256:)");
        }
        try {
            return locator.fetch(reference, pin);
        } catch (DistributionException e) {
            throw new ApiException(e.kind() == DistributionException.Kind.REFERENCE ? 400 : 502,
                    reference + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode doc, String field) {
        JsonNode n = doc.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new ApiException(400, field + " must be a string");
        }
        return n.asText();
    }
}
