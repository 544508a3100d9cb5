package org.wasmbpf.host.wasmtime.wasi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.wasmbpf.host.GuestPointers;
import org.wasmbpf.host.spi.GuestInstance;

/** Little-endian WASI structure fields, bounds-checked through {@link GuestPointers}. */
final class WasiMemory {
    private WasiMemory() {}

    static ByteBuffer read(GuestInstance g, int ptr, int len) {
        return ByteBuffer.wrap(GuestPointers.read(g.memory(), ptr, len)).order(ByteOrder.LITTLE_ENDIAN);
    }

    static ByteBuffer struct(int len) {
        return ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
    }

    static void write(GuestInstance g, int ptr, ByteBuffer struct) {
        GuestPointers.write(g.memory(), ptr, struct.array());
    }

    static void writeI32(GuestInstance g, int ptr, int value) {
        write(g, ptr, struct(4).putInt(0, value));
    }

    static void writeI64(GuestInstance g, int ptr, long value) {
        write(g, ptr, struct(8).putLong(0, value));
    }
}
