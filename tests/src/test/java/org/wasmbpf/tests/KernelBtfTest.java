package org.wasmbpf.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wasmbpf.bpf.core.CoreInputs;
import org.wasmbpf.bpf.core.KernelTypes;
import org.wasmbpf.bpf.core.MinimalCoreBtf;
import org.wasmbpf.bpf.elf.ElfFile;
import org.wasmbpf.bpf.elf.ElfSection;
import org.wasmbpf.host.bpf.KernelBtfCache;
import org.wasmbpf.host.libbpf.BpfObject;
import org.wasmbpf.host.libbpf.LibbpfLog;
import org.wasmbpf.tests.support.KernelObjects;
import org.wasmbpf.tests.support.Repo;
import org.wasmbpf.tests.support.TestBpfObjects;

/**
 * The minimal kernel BTF given to libbpf in place of the kernel's: libbpf must patch every
 * relocated instruction of the examples' objects exactly as it does against the running
 * kernel's own BTF, and the cache must make the file once and hand it to later loads.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KernelBtfTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"examples-c/target/bootstrap.bpf.o", "examples-c/target/runqlat.bpf.o",
        "examples-java/bootstrap/target/bpf/bootstrap.bpf.o", "examples-java/runqlat/target/bpf/runqlat.bpf.o"})
    void libbpfPatchesEveryRelocationAsAgainstTheKernelsOwnBtf(String object) throws Exception {
        byte[] elf = Files.readAllBytes(existing(object));
        Path minimal = tmp.resolve("minimal.btf");
        Files.write(minimal, MinimalCoreBtf.of(CoreInputs.of(elf).orElseThrow(), KernelTypes.running()).orElseThrow(
                () -> new AssertionError(object + " has CO-RE relocations, so it needs kernel types")));
        assertTrue(Files.size(minimal) < 4096, "a few types, not the kernel's 5 MB: " + Files.size(minimal));
        KernelObjects before = KernelObjects.snapshot();

        List<String> full = patchedInstructions(elf, null);
        List<String> fromMinimal = patchedInstructions(elf, minimal);

        assertFalse(full.isEmpty(), "libbpf logged no patched instruction for " + object);
        assertEquals(full, fromMinimal);
        assertTrue(KernelObjects.leakedSince(before, 5000).isEmpty(), "kernel objects left behind");
    }

    @Test
    void theCacheMakesTheFileInTheBackgroundForLaterLoadsOfTheSameObject() throws Exception {
        byte[] elf = Files.readAllBytes(existing("examples-c/target/bootstrap.bpf.o"));
        KernelBtfCache cache = KernelBtfCache.under(tmp).orElseThrow(() -> new AssertionError("this kernel has BTF"));

        assertNull(cache.lookup(elf), "nothing is made before the first load");
        Path made = await(() -> cache.lookup(elf), "the minimal BTF of bootstrap.bpf.o");

        assertEquals(cache.directory(), made.getParent());
        assertArrayEquals(MinimalCoreBtf.of(CoreInputs.of(elf).orElseThrow(), KernelTypes.running()).orElseThrow(), Files.readAllBytes(made));
        try (BpfObject o = BpfObject.open(elf, "kbtf", made)) {
            o.load();
        }
        Path copy = made.resolveSibling(made.getFileName().toString().replace(".btf", ".core"));
        byte[] inputs = Files.readAllBytes(copy);
        inputs[inputs.length - 1] ^= 1;
        Files.write(copy, inputs);
        assertNull(cache.lookup(elf), "a file made for other types under the same name is not used");
    }

    @Test
    void objectsThatDifferOnlyOutsideTheirBtfShareTheFile() throws Exception {
        byte[] elf = Files.readAllBytes(existing("examples-c/target/bootstrap.bpf.o"));
        KernelBtfCache cache = KernelBtfCache.under(tmp).orElseThrow();
        Path made = await(() -> cache.lookup(elf), "the minimal BTF of bootstrap.bpf.o");

        // min_duration_ns in .rodata, as a guest sets it before each load (-d 50)
        byte[] withDuration = elf.clone();
        ElfSection rodata = ElfFile.parse(elf).section(".rodata").orElseThrow();
        withDuration[(int) rodata.offset()] ^= 50;
        assertFalse(Arrays.equals(elf, withDuration));
        assertEquals(made, cache.lookup(withDuration));
    }

    @Test
    void anObjectWithoutRelocationsGetsAFileSayingWhyAndOneWithoutBtfNothing() throws Exception {
        TestBpfObjects.header();
        byte[] noRelocations = Files.readAllBytes(Repo.root().resolve("tests/target/test-bpf/idle.bpf.o"));
        byte[] noBtf = Files.readAllBytes(Repo.root().resolve("tests/target/test-bpf/idle-nobtf.bpf.o"));
        KernelBtfCache cache = KernelBtfCache.under(tmp).orElseThrow();

        assertNull(cache.lookup(noRelocations));
        Path full = await(() -> {
            try (var files = Files.list(cache.directory())) {
                return files.filter(f -> f.toString().endsWith(".full")).findFirst().orElse(null);
            } catch (IOException e) {
                return null;
            }
        }, "the .full file of idle.bpf.o");
        assertTrue(Files.readString(full).contains("no CO-RE relocation"), Files.readString(full));
        assertNull(cache.lookup(noRelocations));

        assertNull(cache.lookup(noBtf));
        Thread.sleep(500);
        try (var files = Files.list(cache.directory())) {
            assertEquals(List.of(full), files.toList(), "nothing is made for an object without BTF");
        }
    }

    /** libbpf's debug lines saying how it patched each relocated instruction. */
    private static List<String> patchedInstructions(byte[] elf, Path kernelBtf) {
        List<String> lines = new ArrayList<>();
        LibbpfLog.setListener(line -> {
            if (line.contains("patched insn")) {
                lines.add(line);
            }
        }, true);
        try (BpfObject o = BpfObject.open(elf, "kbtf", kernelBtf)) {
            o.load();
        } finally {
            LibbpfLog.setListener(null, false);
        }
        return lines;
    }

    private static <T> T await(Supplier<T> probe, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(what + " was not made within 60 s");
    }

    private static Path existing(String object) {
        Path p = Repo.root().resolve(object);
        assertTrue(Files.exists(p), p + " does not exist: build the project first");
        return p;
    }
}
