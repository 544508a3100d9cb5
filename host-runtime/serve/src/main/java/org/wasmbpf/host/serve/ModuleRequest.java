package org.wasmbpf.host.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.wasmbpf.host.WasmBpfHost;

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

    /** {@code {"module_base64": "...", "name": "...", "args": [...], "engine": "chicory|wasmtime"}}. */
    static ModuleRequest ofJson(byte[] body) {
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
        if (doc.has("url") || doc.has("oci")) {
            // Module references are resolved by the module resolver being written on branch
            // 'distribution'; until it is merged only inline modules are accepted.
            throw new ApiException(501, "module references (url, oci) are not supported yet; send module_base64"
                    + " or the module itself as application/wasm");
        }
        JsonNode encoded = doc.get("module_base64");
        if (encoded == null || !encoded.isTextual()) {
            throw new ApiException(400, "missing module_base64 (a string)");
        }
        byte[] module;
        try {
            module = Base64.getDecoder().decode(encoded.asText());
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "module_base64 is not base64: " + e.getMessage());
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
        return ofBytes(module, text(doc, "name"), args, text(doc, "engine"));
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
