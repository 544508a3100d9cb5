package org.wasmbpf.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.wasmbpf.tests.support.KernelObjects;
import org.wasmbpf.tests.support.Repo;
import org.wasmbpf.tests.support.ServeProcess;
import org.wasmbpf.tests.support.ServeProcess.Reply;

/**
 * 50 runs started by 50 clients at once in one server, all listed running, all deleted at once,
 * and nothing left in the kernel. Chicory (the default engine), its compiled module warm from a
 * first run, as a node's server would have it; timeouts allow for a loaded 2-core machine.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class ServeConcurrencyTest {
    private static final int RUNS = 50;

    @TempDir
    Path tmp;

    @Test
    void fiftyConcurrentRunsStartListAndDeleteLeavingNothing() throws Exception {
        KernelObjects before = KernelObjects.snapshot();
        ExecutorService clients = Executors.newFixedThreadPool(RUNS);
        try (ServeProcess serve = ServeProcess.unix(tmp.resolve("s.sock"))) {
            Reply warm = serve.postModule(Repo.cExample("bootstrap"), "");
            assertEquals(201, warm.status(), warm.toString());
            assertEquals(204, serve.curl("-X", "DELETE", "/v1/runs/" + warm.json().get("id").asText()).status());

            List<Future<Reply>> posts = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                String query = "name=b" + i + ".wasm";
                posts.add(clients.submit(() -> serve.postModule(Repo.cExample("bootstrap"), query)));
            }
            Set<String> ids = new TreeSet<>();
            for (Future<Reply> f : posts) {
                Reply r = f.get(300, TimeUnit.SECONDS);
                assertEquals(201, r.status(), r.toString());
                ids.add(r.json().get("id").asText());
            }
            assertEquals(RUNS, ids.size(), "distinct ids");

            JsonNode listed = serve.curl("/v1/runs").json();
            assertEquals(RUNS, listed.size(), listed.toString());
            Set<String> listedIds = new TreeSet<>();
            for (JsonNode run : listed) {
                assertEquals("running", run.get("state").asText(), run.toString());
                listedIds.add(run.get("id").asText());
            }
            assertEquals(ids, listedIds);
            String metrics = serve.curl("/metrics").body();
            assertTrue(metrics.contains("wasm_bpf_runs_active " + RUNS + ".0"), metrics);

            List<Future<Reply>> deletes = new ArrayList<>();
            for (String id : ids) {
                deletes.add(clients.submit(() -> serve.curl("-X", "DELETE", "/v1/runs/" + id)));
            }
            for (Future<Reply> f : deletes) {
                Reply r = f.get(300, TimeUnit.SECONDS);
                assertEquals(204, r.status(), r.toString());
            }
            assertEquals("[]", serve.curl("/v1/runs").body().trim());
            KernelObjects leaked = KernelObjects.leakedSince(before, 5000);
            assertTrue(leaked.isEmpty(), "left in the kernel after the deletes: " + leaked.entries());
        } finally {
            clients.shutdownNow();
        }
    }
}
