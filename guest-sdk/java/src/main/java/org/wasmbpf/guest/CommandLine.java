package org.wasmbpf.guest;

import org.teavm.interop.Address;
import org.teavm.interop.Import;

/**
 * The command line from WASI {@code args_get}, decoded by {@link Utf8}. TeaVM's own {@code _start}
 * decodes it with the class library's charset machinery, about 20 KB of module; the SDK's TeaVM
 * plugin ({@code teavm.WasiArgsTransformer}) makes {@code _start} call {@link #arguments} instead.
 */
final class CommandLine {
    private CommandLine() {
    }

    @Import(module = "wasi_snapshot_preview1", name = "args_sizes_get")
    private static native int argsSizesGet(Address count, Address bufferSize);

    @Import(module = "wasi_snapshot_preview1", name = "args_get")
    private static native int argsGet(Address pointers, Address buffer);

    /** The arguments after the program name, as TeaVM passes them to {@code main}. */
    static String[] arguments() {
        int[] sizes = new int[2];
        Address at = Address.ofData(sizes);
        if (argsSizesGet(at, at.add(4)) != 0) {
            throw new IllegalStateException("Could not get command line arguments");
        }
        int[] starts = new int[sizes[0] + 1];
        byte[] buffer = new byte[sizes[1]];
        // No allocation between taking the addresses and turning the pointers into offsets.
        int base = Address.ofData(buffer).toInt();
        if (argsGet(Address.ofData(starts), Address.ofData(buffer)) != 0) {
            throw new IllegalStateException("Could not get command line arguments");
        }
        int count = sizes[0];
        for (int i = 0; i < count; i++) {
            starts[i] -= base;
        }
        starts[count] = buffer.length;
        String[] args = new String[Math.max(count - 1, 0)];
        for (int i = 1; i < count; i++) {
            int length = starts[i + 1] - starts[i] - 1; // without the NUL
            char[] chars = new char[length];
            args[i - 1] = Utf8.decode(Address.ofData(buffer).add(starts[i]), length, chars);
        }
        return args;
    }
}
