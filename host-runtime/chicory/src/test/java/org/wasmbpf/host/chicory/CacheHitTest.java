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
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wasmbpf.host.spi.GuestTrapException;

/**
 * Modules whose compiled classes come from the cache, parsed only as far as instantiating them
 * needs: found under Chicory's own key, naming functions in traps, still running functions that
 * Chicory's interpreter runs, and compiled afresh when an entry's classes are damaged.
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
        assertFalse(CachedMachineClasses.read(classesIn(cache)).callsInterpreter(),
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
        assertTrue(CachedMachineClasses.read(classesIn(cache)).callsInterpreter(),
                "huge() is too large for a JVM method, so the interpreter runs it");
    }

    @Test
    void anEntryThatIsNoJarOfClassesIsRefused() throws Exception {
        assertThrows(IOException.class, () -> CachedMachineClasses.read(new byte[] {1, 2, 3}));
        assertThrows(IOException.class, () -> CachedMachineClasses.read(jar(Map.of("A.class", new byte[] {1}))),
                "no wasm-module.properties naming the machine class");
    }

    @Test
    void anEntryWithADamagedClassIsCompiledAfresh(@TempDir Path cache) throws Exception {
        GuestRun first = GuestRun.start(new ChicoryBackend(ExecutionMode.COMPILER, cache), "exit_code", "4");
        assertEquals(4, first.exitCode(TIMEOUT));
        Path entry = onlyEntry(cache);
        ByteBuffer good = ByteBuffer.wrap(Files.readAllBytes(entry));
        int moduleLength = good.getInt();
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(classesIn(cache)))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                // every class but the machine's (whose constructor Chicory calls) cut to its first 100 bytes
                byte[] bytes = in.readAllBytes();
                boolean cut = e.getName().endsWith(".class") && !e.getName().endsWith("/CompiledMachine.class");
                classes.put(e.getName(), cut ? Arrays.copyOf(bytes, 100) : bytes);
            }
        }
        byte[] damaged = jar(classes);
        Files.write(entry, ByteBuffer.allocate(Integer.BYTES + moduleLength + damaged.length).putInt(moduleLength)
                .put(good.array(), Integer.BYTES, moduleLength).put(damaged).array());

        ChicoryBackend.forgetPreparedModules();
        GuestRun again = GuestRun.start(new ChicoryBackend(ExecutionMode.COMPILER, cache), "exit_code", "6");
        assertEquals(6, again.exitCode(TIMEOUT), "the classes were compiled afresh");
        assertFalse(Arrays.equals(damaged, classesIn(cache)), "the damaged entry was replaced");
    }

    private static byte[] jar(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static Path onlyEntry(Path cache) throws IOException {
        try (Stream<Path> files = Files.walk(cache)) {
            List<Path> entries = files.filter(Files::isRegularFile).toList();
            assertEquals(1, entries.size(), entries.toString());
            return entries.get(0);
        }
    }

    /** The classes of the only entry, after the module's bytes and their length. */
    private static byte[] classesIn(Path cache) throws Exception {
        ByteBuffer entry = ByteBuffer.wrap(Files.readAllBytes(onlyEntry(cache)));
        entry.position(Integer.BYTES + entry.getInt());
        byte[] classes = new byte[entry.remaining()];
        entry.get(classes);
        return classes;
    }
}
