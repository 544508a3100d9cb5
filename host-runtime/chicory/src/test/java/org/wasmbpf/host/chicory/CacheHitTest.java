package org.wasmbpf.host.chicory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.OpCode;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wasmbpf.host.spi.GuestTrapException;

/**
 * Modules whose compiled classes come from the cache, parsed only as far as instantiating them
 * needs: found under Chicory's own key, naming functions in traps, and still running functions
 * that Chicory's interpreter runs.
 */
class CacheHitTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void anEntryIsFoundByItsModulesBytesNotOnlyByTheirKey(@TempDir Path root) throws Exception {
        byte[] module = TestGuests.bytes("trap");
        byte[] other = TestGuests.bytes("callback");
        byte[] classes = {1, 2, 3};
        CompiledClassCache cache = new CompiledClassCache(root);
        cache.writerFor(module).putIfAbsent("chicory's own key", classes);
        assertArrayEquals(classes, cache.classesFor(CompiledClassCache.keyOf(module), module));
        assertNull(cache.classesFor(CompiledClassCache.keyOf(other), other));

        // Another module's entry under this module's key, as a CRC collision would leave it: a miss.
        Files.move(cache.file(CompiledClassCache.keyOf(module)), cache.file(CompiledClassCache.keyOf(other)));
        assertNull(cache.classesFor(CompiledClassCache.keyOf(other), other), "the entry holds another module's bytes");
    }

    @Test
    void aModuleForCachedClassesHasStandInBodiesAndNoCustomSections() {
        byte[] bytes = TestGuests.bytes("callback");
        WasmModule full = Parser.parse(bytes);
        WasmModule codeless = ModuleDecoder.decodeWithoutCode(bytes, CompiledClassCache.keyOf(bytes));

        assertEquals(CompiledClassCache.keyOf(bytes), codeless.digest());
        assertEquals(full.typeSection(), codeless.typeSection());
        assertEquals(full.importSection(), codeless.importSection());
        assertEquals(full.functionSection(), codeless.functionSection());
        assertEquals(full.tableSection(), codeless.tableSection());
        assertEquals(full.memorySection(), codeless.memorySection());
        assertEquals(full.globalSection(), codeless.globalSection());
        assertEquals(full.exportSection(), codeless.exportSection());
        assertEquals(full.startSection(), codeless.startSection());
        assertEquals(full.elementSection(), codeless.elementSection());
        assertEquals(full.dataSection(), codeless.dataSection());
        assertEquals(full.dataCountSection(), codeless.dataCountSection());
        assertEquals(full.functionSection().functionCount(), codeless.codeSection().functionBodyCount());
        assertNull(codeless.nameSection(), "the name section is read on a failure");
        FunctionBody body = codeless.codeSection().getFunctionBody(0);
        assertEquals(List.of(OpCode.UNREACHABLE), body.instructions().stream().map(i -> i.opcode()).toList());
    }

    @Test
    void aTrapInClassesFromTheCacheNamesTheFunction(@TempDir Path cache) throws Exception {
        for (int run = 0; run < 2; run++) {
            ChicoryBackend.forgetPreparedModules(); // the second run starts as a new JVM: from the entry
            GuestRun trap = GuestRun.start(new ChicoryBackend(ExecutionMode.COMPILER, cache), "trap", "divzero");
            GuestTrapException e = assertThrows(GuestTrapException.class, () -> trap.exitCode(TIMEOUT));
            assertTrue(e.getMessage().endsWith("divide by zero in divide_here"), e.getMessage());
        }
        assertFalse(InterpreterFallbackScan.callsInterpreter(classesIn(cache)),
                "every function compiled: the hit parsed no bodies");
    }

    @Test
    void aFunctionLeftToTheInterpreterRunsFromTheCache(@TempDir Path cache) throws Exception {
        GuestRun interpreted = GuestRun.start(new ChicoryBackend(ExecutionMode.INTERPRETER), "huge_function");
        assertEquals(0, interpreted.exitCode(TIMEOUT));
        String expected = interpreted.stdout.text();
        assertTrue(expected.startsWith("hash "), expected);

        for (int run = 0; run < 2; run++) {
            ChicoryBackend.forgetPreparedModules();
            GuestRun compiled = GuestRun.start(new ChicoryBackend(ExecutionMode.COMPILER, cache), "huge_function");
            assertEquals(0, compiled.exitCode(TIMEOUT));
            assertEquals(expected, compiled.stdout.text(), "run " + run);
        }
        assertTrue(InterpreterFallbackScan.callsInterpreter(classesIn(cache)),
                "huge() is too large for a JVM method, so the interpreter runs it");
    }

    @Test
    void classesThatCannotBeScannedAreAssumedToCallTheInterpreter() {
        assertTrue(InterpreterFallbackScan.callsInterpreter(new byte[] {1, 2, 3}));
    }

    /** The classes of the only entry, after the module's bytes and their length. */
    private static byte[] classesIn(Path cache) throws Exception {
        try (Stream<Path> files = Files.walk(cache)) {
            List<Path> entries = files.filter(Files::isRegularFile).toList();
            assertEquals(1, entries.size(), entries.toString());
            ByteBuffer entry = ByteBuffer.wrap(Files.readAllBytes(entries.get(0)));
            entry.position(Integer.BYTES + entry.getInt());
            byte[] classes = new byte[entry.remaining()];
            entry.get(classes);
            return classes;
        }
    }
}
