package org.wasmbpf.host.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.wasmbpf.host.distribution.ModuleLocator;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/** The HTTP API (docs/serve.md, docs/serve-openapi.yaml): routing, the bearer token, JSON in and out. */
final class ServeHandler extends Handler.Abstract {
    /** Larger than any module we know of by far; bounds what one request can make the server hold. */
    static final int MAX_BODY_BYTES = 64 << 20;
    private static final String RUNS = "/v1/runs";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunRegistry registry;
    private final ServeMetrics metrics;
    /** Fetches the modules that requests name by URL or OCI reference. */
    private final ModuleLocator locator;
    /** "Bearer TOKEN" as bytes, or null when the listener needs none (the unix socket's mode guards it). */
    private final byte[] expectedAuthorization;

    ServeHandler(RunRegistry registry, ServeMetrics metrics, String token, ModuleLocator locator) {
        this.registry = registry;
        this.metrics = metrics;
        this.locator = locator;
        this.expectedAuthorization = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        try {
            authorize(request);
            route(request, response, callback);
        } catch (ApiException e) {
            error(response, callback, e.status(), e.getMessage());
        } catch (RuntimeException e) {
            error(response, callback, 500, "server error: " + e);
        }
        return true;
    }

    private void authorize(Request request) {
        if (expectedAuthorization == null) {
            return;
        }
        String given = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        // Constant-time, so the response time tells nothing about how much of a guess was right.
        if (given == null || !MessageDigest.isEqual(expectedAuthorization, given.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(401, "missing or wrong bearer token (Authorization: Bearer <token>)");
        }
    }

    private void route(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        if (path.equals("/metrics")) {
            only(method, "GET");
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, metrics.contentType());
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                metrics.write(out);
            }
            callback.succeeded();
            return;
        }
        if (path.equals(RUNS) || path.equals(RUNS + "/")) {
            switch (method) {
                case "POST" -> created(response, callback, registry.start(moduleRequest(request)));
                case "GET" -> json(response, callback, 200, list());
                default -> throw notAllowed(method, "GET, POST");
            }
            return;
        }
        if (!path.startsWith(RUNS + "/")) {
            throw new ApiException(404, "no such endpoint: " + path);
        }
        String[] parts = path.substring(RUNS.length() + 1).split("/", -1);
        String id = parts[0];
        if (parts.length == 2 && parts[1].equals("log")) {
            only(method, "GET");
            ServeRun run = registry.get(id);
            Fields query = Request.extractQueryParameters(request);
            boolean follow = !"false".equalsIgnoreCase(query.getValue("follow"));
            LogStream.send(run.log(), follow, response, callback);
            return;
        }
        if (parts.length != 1 || id.isEmpty()) {
            throw new ApiException(404, "no such endpoint: " + path);
        }
        switch (method) {
            case "GET" -> json(response, callback, 200, describe(registry.get(id)));
            case "PUT" -> {
                ModuleRequest next = moduleRequest(request);
                RunRegistry.UpdateTimes t = registry.replace(id, next);
                ObjectNode body = JSON.createObjectNode().put("id", id).put("update_ms", t.updateMs())
                        .put("started_ms", t.startedMs());
                json(response, callback, 200, body);
            }
            case "DELETE" -> {
                registry.remove(id);
                response.setStatus(204);
                callback.succeeded();
            }
            default -> throw notAllowed(method, "GET, PUT, DELETE");
        }
    }

    private ModuleRequest moduleRequest(Request request) throws IOException {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        String mime = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        byte[] body = body(request);
        if (mime.equals(ModuleRequest.JSON)) {
            return ModuleRequest.ofJson(locator, body);
        }
        if (mime.equals(ModuleRequest.WASM) || mime.equals("application/octet-stream")) {
            Fields query = Request.extractQueryParameters(request);
            List<String> args = query.getValues("arg");
            return ModuleRequest.ofBytes(body, query.getValue("name"), args == null ? List.of() : args,
                    query.getValue("engine"));
        }
        throw new ApiException(415, "Content-Type must be application/wasm (the module) or application/json, not '"
                + (type == null ? "" : type) + "'");
    }

    private static byte[] body(Request request) throws IOException {
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new ApiException(413, "request body larger than " + MAX_BODY_BYTES + " bytes");
            }
            return body;
        }
    }

    private ArrayNode list() {
        ArrayNode runs = JSON.createArrayNode();
        registry.runs().stream().sorted(Comparator.comparing(ServeRun::createdAt))
                .forEach(r -> runs.add(describe(r)));
        return runs;
    }

    private static ObjectNode describe(ServeRun run) {
        ServeRun.Generation g = run.current();
        ObjectNode n = JSON.createObjectNode()
                .put("id", run.id())
                .put("module", g.module())
                .put("sha256", g.sha256())
                .put("engine", g.engine());
        var code = g.guest().exitCode();
        n.put("state", code.isPresent() ? "exited" : "running");
        if (code.isPresent()) {
            n.put("exit_code", code.getAsInt());
        }
        n.put("started_at", run.createdAt().toString())
                .put("module_started_at", g.startedAt().toString())
                .put("updates", run.updates());
        return n;
    }

    private static void created(Response response, Callback callback, ServeRun run) {
        response.getHeaders().put(HttpHeader.LOCATION, RUNS + "/" + run.id());
        json(response, callback, 201, describe(run));
    }

    private static void only(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw notAllowed(method, allowed);
        }
    }

    private static ApiException notAllowed(String method, String allowed) {
        return new ApiException(405, "method " + method + " not allowed here (allowed: " + allowed + ")");
    }

    static void error(Response response, Callback callback, int status, String message) {
        json(response, callback, status, JSON.createObjectNode().put("error", message));
    }

    private static void json(Response response, Callback callback, int status, Object body) {
        String text;
        try {
            text = JSON.writeValueAsString(body) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("JSON of our own nodes", e);
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        Content.Sink.write(response, true, text, callback);
    }
}
