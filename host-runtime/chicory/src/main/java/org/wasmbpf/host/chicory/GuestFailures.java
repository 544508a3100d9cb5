package org.wasmbpf.host.chicory;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasm.ChicoryException;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wasmbpf.host.spi.GuestInterruptedException;
import org.wasmbpf.host.spi.GuestTrapException;

/**
 * Turns what came out of Chicory into the SPI's outcomes: an exit code ({@code proc_exit}), a
 * {@link GuestInterruptedException}, a {@link GuestTrapException} naming the trap and the
 * function, or the host's own exception unchanged.
 */
final class GuestFailures {
    /** Compiled functions are methods {@code func_<index>} of classes Chicory generates. */
    private static final Pattern COMPILED_FUNCTION = Pattern.compile("func_(\\d+)");

    private final FunctionNames names;

    GuestFailures(FunctionNames names) {
        this.names = names;
    }

    /**
     * @param interpreter the interpreter that ran the guest, null in compiled mode
     * @param hardStop whether {@link ChicoryGuest#interrupt()} was called
     * @return the exit code when the guest called {@code proc_exit}
     * @throws RuntimeException the mapped failure
     */
    int exitCodeOrThrow(Throwable failure, TrapLocatingInterpreter interpreter, boolean hardStop) {
        OptionalInt exit = exitCode(failure);
        if (exit.isPresent()) {
            return exit.getAsInt();
        }
        if (failure instanceof GuestTrapException || failure instanceof GuestInterruptedException) {
            throw (RuntimeException) failure;
        }
        String where = function(failure, interpreter);
        if (hardStop || isInterruption(failure)) {
            throw new GuestInterruptedException("guest interrupted in " + where);
        }
        if (failure instanceof StackOverflowError) {
            throw new GuestTrapException("call stack exhausted in " + where, failure);
        }
        if (failure instanceof ChicoryException) {
            throw new GuestTrapException(trapName(failure.getMessage()) + " in " + where, failure);
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        throw new IllegalStateException(failure);
    }

    private static OptionalInt exitCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof WasiExitException exit) {
                return OptionalInt.of(exit.exitCode());
            }
        }
        return OptionalInt.empty();
    }

    private static boolean isInterruption(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof ChicoryInterruptedException || t instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    private String function(Throwable failure, TrapLocatingInterpreter interpreter) {
        int index = interpreter != null ? interpreter.functionOf(failure) : compiledFunction(failure);
        return index < 0 ? "an unknown function" : names.of(index);
    }

    private static int compiledFunction(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            for (StackTraceElement e : t.getStackTrace()) {
                Matcher m = COMPILED_FUNCTION.matcher(e.getMethodName());
                if (m.matches() && e.getClassName().startsWith("com.dylibso.chicory.$gen")) {
                    return Integer.parseInt(m.group(1));
                }
            }
        }
        return -1;
    }

    /** Chicory's "Trapped on unreachable instruction" reads better as "unreachable instruction". */
    private static String trapName(String message) {
        if (message == null || message.isBlank()) {
            return "trap";
        }
        String m = message.startsWith("Trapped on ") ? message.substring("Trapped on ".length()) : message;
        return Character.toLowerCase(m.charAt(0)) + m.substring(1);
    }

    private static Throwable next(Throwable t) {
        return t.getCause() == t ? null : t.getCause();
    }
}
