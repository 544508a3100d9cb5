package org.wasmbpf.guest;

import org.teavm.interop.Import;

/**
 * Ends the module with an exit code. TeaVM's {@code _start} returns without {@code proc_exit}, and
 * an uncaught exception traps without a word; {@link #run} turns both into what a command does.
 */
public final class Exit {
    /** The body of a tool's main: returns the exit code. */
    @FunctionalInterface
    public interface Main {
        int run() throws Exception;
    }

    /** Thrown to end the run from deep inside with a code, after whatever was printed. */
    public static final class Request extends RuntimeException {
        private final int code;

        public Request(int code) {
            super("exit " + code);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    private Exit() {
    }

    @Import(module = "wasi_snapshot_preview1", name = "proc_exit")
    private static native void procExit(int code);

    /**
     * Runs a tool's main and exits with its code. An exception that escapes is printed as one line,
     * {@code TOOL: message} on stderr, and the module exits with 1.
     */
    public static void run(String tool, Main main) {
        int code;
        try {
            code = main.run();
        } catch (Request r) {
            code = r.code();
        } catch (Throwable t) {
            Console.err(tool + ": " + describe(t));
            code = 1;
        }
        now(code);
    }

    /**
     * The message of an exception, or what kind of failure it is when it has none. Not the class
     * name: Class.getName() makes TeaVM keep every class's name in the module.
     */
    static String describe(Throwable t) {
        String message = t.getMessage();
        if (message != null) {
            return message;
        }
        if (t instanceof NullPointerException) {
            return "null pointer (a bug in the guest)";
        }
        if (t instanceof IndexOutOfBoundsException) {
            return "index out of bounds (a bug in the guest)";
        }
        if (t instanceof ClassCastException) {
            return "bad cast (a bug in the guest)";
        }
        return "unexpected error without a message (a bug in the guest)";
    }

    /** Exits at once; output already written stays written (the SDK does not buffer it). */
    public static void now(int code) {
        Console.flush();
        procExit(code);
    }
}
