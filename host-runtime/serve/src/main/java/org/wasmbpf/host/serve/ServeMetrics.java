package org.wasmbpf.host.serve;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;

/**
 * {@code GET /metrics}: every value is read from the runs at scrape time (callbacks), so the
 * guests' sample path only bumps its own counters ({@link org.wasmbpf.host.GuestStats}).
 * Names and labels are listed in docs/serve.md.
 */
final class ServeMetrics {
    private static final String[] RUN_LABELS = {"run_id", "module"};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    ServeMetrics(RunRegistry runs) {
        CounterWithCallback.builder().name("wasm_bpf_run_events_delivered")
                .help("Samples delivered to the run's callbacks (all its modules)").labelNames(RUN_LABELS)
                .callback(cb -> runs.runs().forEach(r -> cb.call(r.samplesDelivered(), labels(r))))
                .register(registry);
        CounterWithCallback.builder().name("wasm_bpf_run_events_lost")
                .help("Samples the kernel dropped because the run's perf buffer was full (ring buffer drops are the"
                        + " BPF program's to count)").labelNames(RUN_LABELS)
                .callback(cb -> runs.runs().forEach(r -> cb.call(r.samplesLost(), labels(r))))
                .register(registry);
        CounterWithCallback.builder().name("wasm_bpf_run_callback_seconds")
                .help("Time in the run's sample callbacks, copying into guest memory included").labelNames(RUN_LABELS)
                .callback(cb -> runs.runs().forEach(r -> cb.call(r.callbackNanos() / 1e9, labels(r))))
                .register(registry);
        GaugeWithCallback.builder().name("wasm_bpf_run_memory_pages")
                .help("64 KiB pages of the run's guest memory, as of its start or latest buffer poll")
                .labelNames(RUN_LABELS)
                .callback(cb -> runs.runs().forEach(r ->
                        cb.call(r.current().guest().stats().memoryPages(), labels(r))))
                .register(registry);
        GaugeWithCallback.builder().name("wasm_bpf_run_up")
                .help("1 while the run's guest runs, 0 once it exited").labelNames(RUN_LABELS)
                .callback(cb -> runs.runs().forEach(r -> cb.call(r.exitCode().isEmpty() ? 1 : 0, labels(r))))
                .register(registry);
        CounterWithCallback.builder().name("wasm_bpf_runs_started")
                .help("Runs started by POST since the server started")
                .callback(cb -> cb.call(runs.started()))
                .register(registry);
        CounterWithCallback.builder().name("wasm_bpf_updates")
                .help("Hot updates (PUT) completed since the server started")
                .callback(cb -> cb.call(runs.updates()))
                .register(registry);
        GaugeWithCallback.builder().name("wasm_bpf_runs_active")
                .help("Runs whose guest is running")
                .callback(cb -> cb.call(runs.runs().stream().filter(r -> r.exitCode().isEmpty()).count()))
                .register(registry);
        GaugeWithCallback.builder().name("wasm_bpf_runs")
                .help("Runs listed by GET /v1/runs, running or exited")
                .callback(cb -> cb.call(runs.runs().size()))
                .register(registry);
    }

    String contentType() {
        return writer.getContentType();
    }

    void write(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }

    private static String[] labels(ServeRun r) {
        return new String[] {r.id(), r.current().module()};
    }
}
