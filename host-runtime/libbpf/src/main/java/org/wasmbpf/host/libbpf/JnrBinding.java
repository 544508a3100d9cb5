package org.wasmbpf.host.libbpf;

import com.kenai.jffi.ArrayFlags;
import com.kenai.jffi.CallContext;
import com.kenai.jffi.CallingConvention;
import com.kenai.jffi.Closure;
import com.kenai.jffi.ClosureManager;
import com.kenai.jffi.HeapInvocationBuffer;
import com.kenai.jffi.Invoker;
import com.kenai.jffi.LastError;
import com.kenai.jffi.Library;
import com.kenai.jffi.MemoryIO;
import com.kenai.jffi.Type;
import java.nio.ByteBuffer;

/**
 * {@link NativeBinding} through jffi, the layer under jnr-ffi, for JDKs before 22: each
 * {@link CFunction} is called by its address with a {@link CallContext} built from its
 * declaration on its first call. jnr-ffi itself would need the list again as a Java interface
 * and generates an implementation class for it at run time; jffi needs neither.
 */
final class JnrBinding implements NativeBinding {
    /** A function's address and calling context, published together (final fields). */
    private record Bound(long address, CallContext context) {}

    private final Library libbpf;
    private final Library libc = Library.getDefault();
    private final Bound[] bound = new Bound[CFunction.values().length];
    private final Invoker invoker = Invoker.getInstance();
    private final MemoryIO memory = MemoryIO.getInstance();
    // Kept reachable for as long as libbpf may call it.
    private Closure.Handle printer;

    JnrBinding() {
        Library lib;
        try {
            lib = Library.getCachedInstance(Native.LIBBPF, Library.LAZY | Library.GLOBAL);
        } catch (LinkageError | RuntimeException e) {
            throw Native.cannotLoad(e.getMessage());
        }
        if (lib == null) {
            throw Native.cannotLoad(Library.getLastError());
        }
        libbpf = lib;
    }

    @Override
    public long call(CFunction f, long a, long b, long c, long d, long e, long g) {
        Bound fn = bound(f);
        return switch (f.parameterCount()) {
            case 0 -> invoker.invokeN0(fn.context, fn.address);
            case 1 -> invoker.invokeN1(fn.context, fn.address, a);
            case 2 -> invoker.invokeN2(fn.context, fn.address, a, b);
            case 3 -> invoker.invokeN3(fn.context, fn.address, a, b, c);
            case 4 -> invoker.invokeN4(fn.context, fn.address, a, b, c, d);
            case 5 -> invoker.invokeN5(fn.context, fn.address, a, b, c, d, e);
            default -> invoker.invokeN6(fn.context, fn.address, a, b, c, d, e, g);
        };
    }

    @Override
    public int callWithArrays(CFunction f, int fd, byte[] first, byte[] second, long flags) {
        Bound fn = bound(f);
        HeapInvocationBuffer args = new HeapInvocationBuffer(fn.context);
        // The parameters are a prefix of CFunction.CRITICAL_SHAPE: fd, first, second, flags.
        for (int i = 0; i < f.parameterCount(); i++) {
            switch (f.parameter(i)) {
                case INT -> args.putInt(fd);
                case LONG -> args.putLong(flags);
                default -> putArray(args, i == 1 ? first : second, f.parameter(i));
            }
        }
        return invoker.invokeInt(fn.context, fn.address, args);
    }

    private static void putArray(HeapInvocationBuffer args, byte[] array, CFunction.Kind kind) {
        if (array == null) {
            args.putAddress(0);
        } else {
            args.putArray(array, 0, array.length, kind == CFunction.Kind.IN_ARRAY ? ArrayFlags.IN : ArrayFlags.OUT);
        }
    }

    @Override
    public String bind(CFunction f) {
        Bound fn = bound(f);
        StringBuilder sb = new StringBuilder(type(f.result()).toString()).append('(');
        for (int i = 0; i < f.parameterCount(); i++) {
            sb.append(i == 0 ? "" : ", ").append(type(f.parameter(i)));
        }
        return sb.append(") at 0x").append(Long.toHexString(fn.address)).toString();
    }

    private Bound bound(CFunction f) {
        Bound fn = bound[f.ordinal()];
        if (fn == null) {
            long address = (f.library() == CFunction.Library.LIBBPF ? libbpf : libc).getSymbolAddress(f.symbol());
            if (address == 0) {
                throw new UnsatisfiedLinkError("no symbol " + f.symbol() + " in the native library");
            }
            Type[] parameters = new Type[f.parameterCount()];
            for (int i = 0; i < parameters.length; i++) {
                parameters[i] = type(f.parameter(i));
            }
            fn = new Bound(address, CallContext.getCallContext(type(f.result()), parameters, CallingConvention.DEFAULT, true));
            bound[f.ordinal()] = fn;
        }
        return fn;
    }

    private static Type type(CFunction.Kind kind) {
        return switch (kind) {
            case VOID -> Type.VOID;
            case INT -> Type.SINT32;
            case LONG -> Type.SINT64;
            default -> Type.POINTER;
        };
    }

    @Override
    public int errno() {
        return LastError.getInstance().get();
    }

    @Override
    public void copyIn(byte[] from, long address) {
        memory.putByteArray(address, from, 0, from.length);
    }

    @Override
    public void copyOut(long address, byte[] to, int length) {
        memory.getByteArray(address, to, 0, length);
    }

    @Override
    public ByteBuffer view(long address, int length) {
        return memory.newDirectByteBuffer(address, length);
    }

    @Override
    public synchronized long printer() {
        if (printer == null) {
            printer = callback(new Printer(this), Type.SINT32, Type.SINT32, Type.POINTER, Type.POINTER);
        }
        return printer.getAddress();
    }

    /** A C function pointer that calls {@code closure}; the handle must stay reachable while C may call it. */
    static Closure.Handle callback(Closure closure, Type result, Type... parameters) {
        Closure.Handle handle = ClosureManager.getInstance().newClosure(closure,
                CallContext.getCallContext(result, parameters, CallingConvention.DEFAULT, false));
        handle.setAutoRelease(false);
        return handle;
    }

    /** libbpf_print_fn_t: {@code (int level, const char *format, va_list ap)}. */
    private record Printer(NativeBinding binding) implements Closure {
        @Override
        public void invoke(Closure.Buffer buffer) {
            buffer.setIntReturn(LibbpfPrinter.print(binding, buffer.getInt(0), buffer.getAddress(1), buffer.getAddress(2)));
        }
    }
}
