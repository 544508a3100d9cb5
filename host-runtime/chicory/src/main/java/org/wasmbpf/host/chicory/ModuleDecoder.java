package org.wasmbpf.host.chicory;

import static org.wasmbpf.host.spi.ModuleRejectedException.Reason.INVALID;

import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.io.ByteArrayInputStream;
import org.wasmbpf.host.spi.ModuleFraming;
import org.wasmbpf.host.spi.ModuleRejectedException;

/**
 * Bytes to a Chicory {@link WasmModule}, after the framing checks every backend shares
 * ({@link ModuleFraming}), since Chicory's own messages for those cases do not tell a user what
 * is wrong with the file.
 */
final class ModuleDecoder {
    private ModuleDecoder() {}

    static WasmModule decode(byte[] bytes) {
        return decode(bytes, true);
    }

    /**
     * Without Chicory's validation of types, function bodies and the like: only for a module
     * whose compiled classes turn out to be cached, so that it passed validation before.
     */
    static WasmModule decodeUnvalidated(byte[] bytes) {
        return decode(bytes, false);
    }

    private static WasmModule decode(byte[] bytes, boolean validate) {
        ModuleFraming.check(bytes);
        try {
            // A parser keeps state while it parses: one per module.
            return Parser.builder().withValidation(validate).build().parse(() -> new ByteArrayInputStream(bytes));
        } catch (ChicoryException e) {
            throw new ModuleRejectedException(INVALID, "malformed WebAssembly module: " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
