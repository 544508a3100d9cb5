package org.wasmbpf.host.wasmtime;

import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Module;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.wasmbpf.host.spi.HostFunction;

/**
 * Compiled modules kept for the next start of the same module, each with the {@link Engine} it
 * was compiled in. An engine is lent to one running guest at a time and comes back when the
 * guest closes: stopping a guest ticks its engine's epoch, which would trap every other store of
 * that engine (the binding offers no per-store epoch callback). So a restart reuses the compiled
 * code, and the store with its host functions ({@link GuestStore}); a second guest of the same
 * module running at once gets an engine of its own and compiles again (from the disk cache when
 * there is one).
 */
final class CompiledModules {
    static final int KEPT_IDLE = 8;

    /** An engine and a module compiled in it, lent to one guest. */
    final class Lease implements AutoCloseable {
        private final String engineKey;
        private final byte[] bytes;
        private final Engine engine;
        private final Module module;
        private GuestStore store;
        private boolean returned;

        private Lease(String engineKey, byte[] bytes, Engine engine, Module module, GuestStore store) {
            this.engineKey = engineKey;
            this.bytes = bytes;
            this.engine = engine;
            this.module = module;
            this.store = store;
        }

        Engine engine() {
            return engine;
        }

        Module module() {
            return module;
        }

        /**
         * The store the previous guest of this module left, else a new one with host functions of
         * the types of {@code imports} (the module's resolved imports: the same for the same bytes).
         */
        GuestStore store(List<HostFunction> imports) {
            if (store == null) {
                store = new GuestStore(engine, imports);
                synchronized (idle) {
                    stores++;
                }
            }
            return store;
        }


        private void dispose() {
            if (store != null) {
                store.dispose();
            }
            module.dispose();
            engine.dispose();
        }

        /**
         * Gives the engine, module and store back for the next guest, once the guest's own objects
         * in the store are disposed; a store that has served its last guest is disposed here.
         */
        @Override
        public void close() {
            if (!returned) {
                returned = true;
                if (store != null && !store.release()) {
                    store.dispose();
                    store = null;
                }
                giveBack(this);
            }
        }
    }

    private final Deque<Lease> idle = new ArrayDeque<>(); // most recently returned first
    private int compilations;
    private int stores;

    /**
     * An idle engine configured as {@code engineKey} says with these bytes compiled, else a new
     * engine from {@code newEngine} with the module compiled by {@code compile}. Modules are told
     * apart by their bytes, not a digest: a cold start would hash for nothing, and the JDK's first
     * SHA-256 costs ~18 ms.
     *
     * @param bytes the module as compiled (copied when kept)
     */
    Lease take(String engineKey, byte[] bytes, Supplier<Engine> newEngine, Function<Engine, Module> compile) {
        synchronized (idle) {
            for (Iterator<Lease> it = idle.iterator(); it.hasNext();) {
                Lease l = it.next();
                if (l.engineKey.equals(engineKey) && Arrays.equals(l.bytes, bytes)) {
                    it.remove();
                    return new Lease(engineKey, l.bytes, l.engine, l.module, l.store);
                }
            }
        }
        Engine engine = newEngine.get();
        try {
            Module module = compile.apply(engine);
            synchronized (idle) {
                compilations++;
            }
            return new Lease(engineKey, bytes.clone(), engine, module, null);
        } catch (RuntimeException | Error e) {
            engine.dispose();
            throw e;
        }
    }

    /** How many modules were compiled (or loaded from the disk cache) rather than reused. */
    int compilations() {
        synchronized (idle) {
            return compilations;
        }
    }

    /** How many stores (each with its host functions) were made rather than reused. */
    int stores() {
        synchronized (idle) {
            return stores;
        }
    }

    int idleCount() {
        synchronized (idle) {
            return idle.size();
        }
    }

    private void giveBack(Lease lease) {
        Lease evicted = null;
        synchronized (idle) {
            idle.addFirst(lease);
            if (idle.size() > KEPT_IDLE) {
                evicted = idle.removeLast();
            }
        }
        if (evicted != null) {
            evicted.dispose();
        }
    }
}
