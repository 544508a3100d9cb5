package org.wasmbpf.host.cli;

import org.wasmbpf.host.libbpf.BpfException;
import org.wasmbpf.host.libbpf.Libbpf;

/**
 * Binds libbpf on a thread of its own while a {@code run}'s command line is parsed and its module
 * instantiated, which need no libbpf: binding, with libbpf's print callback (so that a failing
 * call's log is captured the first time), costs a cold start ~20 ms for the glue of the first
 * downcall and ~20 ms for the callback's upcall, which the JDK generates at run time, and the
 * second CPU is mostly idle then. Binding makes no kernel object. A failure is left to the run: its first libbpf call meets it again and
 * reports it as it would have.
 */
final class EarlyBinding implements Runnable {
    private EarlyBinding() {}

    static void startFor(String[] args) {
        if (args.length > 0 && args[0].equals("run")) {
            Thread thread = new Thread(new EarlyBinding(), "wasm-bpf-bind");
            thread.setDaemon(true); // a usage error exits at once
            thread.start();
        }
    }

    @Override
    public void run() {
        try {
            Libbpf.ensureLoaded();
        } catch (BpfException | LinkageError | IllegalStateException e) {
            // Either the run's own first call meets and reports it, or the JVM is already exiting
            // (a usage error): jffi then fails to register its temporary file with "Shutdown in
            // progress", which must not add a stack trace under the one-line error.
        }
    }
}
