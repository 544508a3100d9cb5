package org.wasmbpf.host.chicory;

import static org.wasmbpf.host.spi.ModuleRejectedException.Reason.INVALID;

import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.io.ByteArrayInputStream;
import java.util.function.Supplier;
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

    /**
     * Unvalidated, as {@link #decodeUnvalidated}, and without function bodies or custom sections:
     * only for a module whose cached classes run none of its functions in the interpreter.
     */
    static WasmModule decodeWithoutCode(byte[] bytes, String digest) {
        return decode(bytes, () -> CodelessModule.parse(bytes, digest));
    }

    private static WasmModule decode(byte[] bytes, boolean validate) {
        // A parser keeps state while it parses: one per module.
        return decode(bytes, () -> Parser.builder().withValidation(validate).build()
                .parse(() -> new ByteArrayInputStream(bytes)));
    }

    private static WasmModule decode(byte[] bytes, Supplier<WasmModule> parse) {
        ModuleFraming.check(bytes);
        try {
            return parse.get();
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
