package org.wasmbpf.guest;

import org.teavm.interop.Address;
import org.teavm.interop.Import;

/**
 * The host's functions, as the wasm-bpf ABI names them. Pointers are addresses in this module's
 * memory; take them (with {@link Address#ofData(byte[])}) just before the call, because TeaVM's
 * collector moves arrays.
 *
 * <p>Buffers are polled through the TinyGo convention ({@code callback-wrapper} module, export
 * {@code go-callback}): Java cannot take a function's table index, so the host calls the export
 * that {@link BpfBuffer} defines.
 */
public final class WasmBpf {
    /** {@code bpf_cmd} numbers for {@link #mapOperate}. */
    public static final int MAP_LOOKUP_ELEM = 1;
    public static final int MAP_UPDATE_ELEM = 2;
    public static final int MAP_DELETE_ELEM = 3;
    public static final int MAP_GET_NEXT_KEY = 4;

    private WasmBpf() {
    }

    /** A new object handle, or 0 when the host could not open, relocate or load the object. */
    @Import(module = "wasm_bpf", name = "wasm_load_bpf_object")
    public static native long loadBpfObject(Address elf, int length);

    /** 0 or a negative errno; {@code target} 0 means auto-attach from the ELF section. */
    @Import(module = "wasm_bpf", name = "wasm_attach_bpf_program")
    public static native int attachBpfProgram(long obj, Address name, Address target);

    /** The map's fd, or a negative errno. */
    @Import(module = "wasm_bpf", name = "wasm_bpf_map_fd_by_name")
    public static native int mapFdByName(long obj, Address name);

    /** 0 or a negative errno (-ENOENT: no such element, or no next key). */
    @Import(module = "wasm_bpf", name = "wasm_bpf_map_operate")
    public static native int mapOperate(int fd, int cmd, Address key, Address value, Address nextKey, long flags);

    /** Samples consumed, a non-zero callback result, or a negative errno (-EINTR: the run is stopping). */
    @Import(module = "callback-wrapper", name = "wasm_bpf_buffer_poll")
    public static native int bufferPoll(long obj, int fd, int ctx, Address data, int maxSize, int timeoutMs);

    /** Detaches the object's programs and frees its maps; 0 on success. */
    @Import(module = "wasm_bpf", name = "wasm_close_bpf_object")
    public static native int closeBpfObject(long obj);
}
