package org.wasmbpf.host.serve;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /v1/runs/{id}/log}: the kept lines, then (following) each new one as it comes, in a
 * chunked response that ends with the run. A client that goes away is noticed at the next write;
 * until then its request holds one server thread.
 */
final class LogStream {
    /** How long one wait for new lines lasts; between waits the stream is flushed. */
    private static final long WAIT_MS = 1000;

    private LogStream() {}

    static void send(LogRing log, boolean follow, Response response, Callback callback) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            long next = 0;
            while (true) {
                LogRing.Slice s = log.after(next, follow ? WAIT_MS : 0);
                if (s.first() > next && next > 0) {
                    out.write(("wasm-bpf: " + (s.first() - next) + " lines dropped from the log\n")
                            .getBytes(StandardCharsets.UTF_8));
                }
                for (String line : s.lines()) {
                    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                }
                next = s.next();
                out.flush();
                if (!follow || (s.ended() && s.lines().isEmpty())) {
                    break;
                }
            }
            out.close();
            callback.succeeded();
        } catch (IOException e) {
            callback.failed(e); // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callback.failed(e);
        }
    }
}
