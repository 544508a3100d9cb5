package org.wasmbpf.host.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.wasmbpf.host.libbpf.BpfException;
import org.wasmbpf.host.libbpf.BpfMapInfo;
import org.wasmbpf.host.libbpf.BpfObject;
import org.wasmbpf.host.libbpf.BufferConsumer;
import org.wasmbpf.host.libbpf.Errno;
import org.wasmbpf.bpf.btf.BtfType;
import org.wasmbpf.bpf.object.MapInfo;

/**
 * Runs a BPF object with no user code: writes the flags into .rodata, loads it (CO-RE against the
 * running kernel), auto-attaches every program, prints every ring and perf buffer sample and,
 * every interval, its histogram and hash maps, until {@link #stop()}. Everything it loaded is
 * released on every way out.
 */
public final class ObjectRun implements AutoCloseable {
    /** How to print: JSON lines or columns, how often maps are printed, the histograms' unit. */
    public record Options(boolean json, Duration interval, String histogramUnit) {}

    private record Buffer(String map, BufferConsumer consumer, SamplePrinter printer) {}

    private final ObjectFile file;
    private final Options options;
    private final PrintStream out;
    private final BpfObject object;
    private final List<Buffer> buffers = new ArrayList<>();
    private final List<MapReport> reports = new ArrayList<>();
    private volatile boolean stopping;

    private ObjectRun(ObjectFile file, Options options, PrintStream out, BpfObject object) {
        this.file = file;
        this.options = options;
        this.out = out;
        this.object = object;
    }

    /**
     * Loads {@code elfWithFlags} (the file's bytes with its flags written in:
     * {@link ObjectFile#withFlags}) and attaches. Throws {@link BpfException} (with libbpf's log)
     * when the kernel refuses the object or a program; nothing stays loaded then.
     */
    public static ObjectRun start(ObjectFile file, byte[] elfWithFlags, Options options, PrintStream out) {
        BpfObject object = BpfObject.open(elfWithFlags, file.objectName());
        ObjectRun run = new ObjectRun(file, options, out, object);
        try {
            object.load();
            for (String program : file.programNames()) {
                object.attach(program, null);
            }
            run.openOutputs();
            return run;
        } catch (RuntimeException | Error e) {
            run.close();
            throw e;
        }
    }

    /** The programs attached. */
    public List<String> programs() {
        return file.programNames();
    }

    /** The maps printed: buffers' samples as they come, the others every interval. */
    public List<String> shownMaps() {
        List<String> names = new ArrayList<>();
        buffers.forEach(b -> names.add(b.map()));
        reports.forEach(r -> names.add(r.mapName()));
        return names;
    }

    /** Prints until {@link #stop()}; then the maps once more. */
    public void run() throws InterruptedException {
        String header = buffers.isEmpty() ? null : buffers.get(0).printer().header();
        if (header != null) {
            out.println(header);
            out.flush();
        }
        long intervalNanos = options.interval().toNanos();
        long nextReport = System.nanoTime() + intervalNanos;
        int slice = buffers.isEmpty() ? 100 : Math.max(10, 100 / buffers.size());
        while (!stopping) {
            if (buffers.isEmpty()) {
                Thread.sleep(slice);
            }
            for (Buffer b : buffers) {
                int r = b.consumer().poll(slice, sample -> {
                    b.printer().print(sample);
                    return 0;
                });
                if (r < 0 && r != -Errno.EINTR) { // a signal; the stop flag says whether to go on
                    throw new BpfException(-r, "polling map '" + b.map() + "' failed");
                }
            }
            out.flush();
            if (!reports.isEmpty() && System.nanoTime() - nextReport >= 0) {
                reports.forEach(MapReport::print);
                nextReport += intervalNanos;
            }
        }
        reports.forEach(MapReport::print);
        out.flush();
    }

    public void stop() {
        stopping = true;
    }

    /** Samples the kernel could not hand over because a perf buffer was full. */
    public long lostSamples() {
        return buffers.stream().mapToLong(b -> b.consumer().lostSamples()).sum();
    }

    @Override
    public void close() {
        object.close();
    }

    private void openOutputs() {
        BtfValues values = new BtfValues(file.btf());
        ObjectMapper json = options.json() ? new ObjectMapper() : null;
        List<MapReport> tables = new ArrayList<>();
        for (MapInfo m : file.maps()) {
            if (m.internal()) {
                continue;
            }
            BpfMapInfo loaded = object.findMap(m.name()).orElse(null);
            if (loaded == null) {
                continue;
            }
            if (m.type() == ObjectFile.BPF_MAP_TYPE_RINGBUF || m.type() == ObjectFile.BPF_MAP_TYPE_PERF_EVENT_ARRAY) {
                BtfType.Composite type = file.sampleType(m).orElse(null);
                SamplePrinter printer = json != null ? new JsonSamplePrinter(out, values, type, json)
                        : new TextSamplePrinter(out, values, type);
                buffers.add(new Buffer(m.name(), object.openBufferConsumer(loaded.fd()), printer));
                continue;
            }
            MapTarget target = new MapTarget(m.name(), loaded.fd(), loaded.keySize(), loaded.valueSize(), m.keyType(),
                    m.valueType());
            if (loaded.isPerCpu() || m.keyType() == 0 || m.valueType() == 0) {
                continue; // per-CPU values and untyped maps are not shown
            }
            if (HistogramReport.holdsHistogram(values, m.valueType())) {
                reports.add(new HistogramReport(target, values, options.histogramUnit(), out, json));
            } else if (m.type() == ObjectFile.BPF_MAP_TYPE_HASH || m.type() == ObjectFile.BPF_MAP_TYPE_LRU_HASH) {
                tables.add(new TableReport(target, values, out, json));
            }
        }
        // A hash map beside a buffer or a histogram is most likely the program's own state
        // (bootstrap's exec and runqlat's enqueue times), which would only interleave with the
        // output: tables are shown for objects whose output is their hash maps.
        if (buffers.isEmpty() && reports.isEmpty()) {
            reports.addAll(tables);
        }
    }
}
