package org.wasmbpf.host.bpf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.wasmbpf.bpf.BadInputException;
import org.wasmbpf.bpf.core.CoreInputs;
import org.wasmbpf.bpf.core.KernelTypes;
import org.wasmbpf.bpf.core.MinimalCoreBtf;
import org.wasmbpf.bpf.core.UnsupportedCoreException;
import org.wasmbpf.host.spi.AtomicFile;
import org.wasmbpf.host.spi.RecordingRun;

/**
 * Per BPF object, the part of the running kernel's BTF that its CO-RE relocations read
 * ({@link MinimalCoreBtf}), kept as a file for libbpf's {@code btf_custom_path}. Without it
 * libbpf reads and indexes the kernel's whole BTF (5 MB) on every load: 46 of the 48 ms that
 * loading bootstrap's object takes on the bench machine.
 *
 * <p>Files live under {@code <root>/btf/<boot id>/}: a kernel's types cannot change while it
 * runs, and the first file of a new boot (perhaps of another kernel) removes the other boots'
 * directories. They are named by the CRC-32 and length of what the minimal BTF depends on, the
 * object's .BTF and .BTF.ext ({@link CoreInputs}: a tool that sets a
 * {@code const volatile} such as a pid before each load still finds its file), not a SHA-256,
 * whose first use costs a cold JVM ~18 ms; a copy of those bytes beside the BTF ({@code .core})
 * tells a collision from a hit. A load that finds no file loads against the
 * kernel's BTF as before and has the file made on a background thread, for the loads after it.
 * An object that needs no kernel types, or more than a minimal BTF gives, gets a
 * {@code .full} file saying why, so that it is not looked at again.
 */
public final class KernelBtfCache {
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");
    private static final Pattern BOOT_ID_FORM = Pattern.compile("[0-9a-f-]{36}");
    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();
    private static final ExecutorService MAKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "wasm-bpf-kernel-btf");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });
    // The kernel's types, parsed (~0.4 s) for the files queued together and dropped after them.
    private static KernelTypes kernel;

    private final Path dir;

    private KernelBtfCache(Path dir) {
        this.dir = dir;
    }

    /**
     * The cache in {@code root}'s {@code btf} subdirectory (created on first use); empty when
     * this kernel has no BTF at {@link KernelTypes#VMLINUX} or no boot id to key files by.
     */
    public static Optional<KernelBtfCache> under(Path root) {
        if (!Files.isReadable(KernelTypes.VMLINUX)) {
            return Optional.empty();
        }
        try {
            String bootId = Files.readString(BOOT_ID, StandardCharsets.US_ASCII).trim();
            return BOOT_ID_FORM.matcher(bootId).matches()
                    ? Optional.of(new KernelBtfCache(root.resolve("btf").resolve(bootId))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** This boot's directory. */
    public Path directory() {
        return dir;
    }

    /**
     * The minimal BTF for this object, or null to load against the kernel's: when it is not made
     * yet (it is then queued) or the object cannot use one (no BTF, a malformed ELF: libbpf then
     * says what is wrong with it).
     */
    public Path lookup(byte[] elf) {
        CoreInputs inputs;
        try {
            inputs = CoreInputs.of(elf).orElse(null);
        } catch (BadInputException e) {
            return null;
        }
        if (inputs == null) {
            return null;
        }
        byte[] keyed = inputs.bytes();
        CRC32 crc = new CRC32();
        crc.update(keyed);
        String key = Long.toHexString(crc.getValue()) + "-" + keyed.length;
        Path minimal = dir.resolve(key + ".btf");
        Path copy = dir.resolve(key + ".core");
        if (Files.isRegularFile(minimal)) {
            return isCopyOf(copy, keyed) ? minimal : null;
        }
        Path full = dir.resolve(key + ".full");
        if (!Files.exists(full)) {
            RecordingRun.cacheFilled();
            if (PENDING.add(minimal)) {
                MAKER.execute(() -> make(inputs, keyed, copy, minimal, full));
            }
        }
        return null;
    }

    private static boolean isCopyOf(Path file, byte[] keyed) {
        try {
            return Arrays.equals(Files.readAllBytes(file), keyed);
        } catch (IOException e) {
            return false;
        }
    }

    private void make(CoreInputs inputs, byte[] keyed, Path copy, Path minimal, Path full) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                removeOtherBoots();
            }
            if (kernel == null) {
                kernel = KernelTypes.running();
            }
            try {
                Optional<byte[]> btf = MinimalCoreBtf.of(inputs, kernel);
                if (btf.isPresent()) {
                    AtomicFile.write(copy, keyed);
                    AtomicFile.write(minimal, btf.get());
                } else {
                    AtomicFile.write(full, "no CO-RE relocation reads the kernel's types\n".getBytes(StandardCharsets.UTF_8));
                }
            } catch (UnsupportedCoreException | BadInputException e) {
                AtomicFile.write(full, (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException | RuntimeException e) {
            // Nothing to report: without the file, loads read the kernel's BTF, as libbpf does by default.
        } finally {
            PENDING.remove(minimal);
            if (PENDING.isEmpty()) {
                kernel = null;
            }
        }
    }

    private void removeOtherBoots() throws IOException {
        try (DirectoryStream<Path> boots = Files.newDirectoryStream(dir.getParent())) {
            for (Path boot : boots) {
                if (!boot.equals(dir) && BOOT_ID_FORM.matcher(boot.getFileName().toString()).matches()) {
                    try (DirectoryStream<Path> files = Files.newDirectoryStream(boot)) {
                        for (Path f : files) {
                            Files.deleteIfExists(f);
                        }
                    }
                    Files.deleteIfExists(boot);
                }
            }
        }
    }
}
