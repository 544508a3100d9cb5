package org.wasmbpf.host.chicory;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Sample callbacks called straight through the static methods Chicory 1.7.5's compiler makes of
 * a module's functions ({@code <machine class>FuncGroup_<g>.func_<index>(params..., Memory,
 * Instance)}), for the one call the host makes per sample. {@link Machine#call} reaches the same
 * method through a switch on the function index, with the arguments and the result boxed in
 * fresh {@code long[]}s and the memory looked up again: about a quarter of a sample's delivery.
 *
 * <p>The method is called from a small class defined beside it, implementing {@link
 * CompiledSampleCallback}: an interface with one implementation is inlined, while a method handle
 * that is not a constant cost an indirect call through several lambda forms per sample (13% of a
 * delivery), and {@code LambdaMetafactory} refuses a caller in another module (the compiled
 * code's class loader has its own unnamed module). A machine that is not compiled (the
 * interpreter) has no such methods: no callback is found, and its samples go in batches.
 */
final class CompiledCallbacks {
    /** The wasm-bpf sample callback, {@code (i32 ctx, i32 data, i32 size) -> i32}. */
    static final MethodType SAMPLE_CALLBACK =
            MethodType.methodType(int.class, int.class, int.class, int.class, Memory.class, Instance.class);
    private static final String GROUP_SUFFIX = "FuncGroup_";

    private final Machine machine;
    private final Map<Integer, Optional<CompiledSampleCallback>> sampleCallbacks = new HashMap<>();

    CompiledCallbacks(Machine machine) {
        this.machine = machine;
    }

    /** The compiled method of function {@code index} (a sample callback), or null: call it through the machine. */
    CompiledSampleCallback sampleCallback(int index) {
        return sampleCallbacks.computeIfAbsent(index, this::find).orElse(null);
    }

    private Optional<CompiledSampleCallback> find(int index) {
        Class<?> machineClass = machine.getClass();
        ClassLoader loader = machineClass.getClassLoader();
        String method = "func_" + index;
        for (int group = 0; ; group++) {
            Class<?> funcGroup;
            try {
                funcGroup = Class.forName(machineClass.getName() + GROUP_SUFFIX + group, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                return Optional.empty();
            }
            try {
                MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(funcGroup, MethodHandles.lookup());
                lookup.findStatic(funcGroup, method, SAMPLE_CALLBACK); // there, and of this type
                return Optional.of(bind(lookup, funcGroup, method));
            } catch (NoSuchMethodException e) {
                // in a later group
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return Optional.empty();
            }
        }
    }

    /**
     * Defines, in the compiled code's own package and class loader (where its package-private
     * classes are visible), a class whose {@code call} invokes {@code method} statically; or
     * takes the one defined there before: instances of a module share its compiled classes
     * (several runs of one tool in serve, or a run after a hot update).
     */
    private static CompiledSampleCallback bind(MethodHandles.Lookup lookup, Class<?> funcGroup, String method)
            throws ReflectiveOperationException {
        String owner = funcGroup.getName().replace('.', '/');
        String name = owner + "SampleCallback_" + method;
        String descriptor = SAMPLE_CALLBACK.toMethodDescriptorString();
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V11, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, name, null,
                "java/lang/Object", new String[] {Type.getInternalName(CompiledSampleCallback.class)});
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor call = cw.visitMethod(Opcodes.ACC_PUBLIC, "call", descriptor, null, null);
        call.visitCode();
        call.visitVarInsn(Opcodes.ILOAD, 1);
        call.visitVarInsn(Opcodes.ILOAD, 2);
        call.visitVarInsn(Opcodes.ILOAD, 3);
        call.visitVarInsn(Opcodes.ALOAD, 4);
        call.visitVarInsn(Opcodes.ALOAD, 5);
        call.visitMethodInsn(Opcodes.INVOKESTATIC, owner, method, descriptor, false);
        call.visitInsn(Opcodes.IRETURN);
        call.visitMaxs(0, 0);
        call.visitEnd();
        cw.visitEnd();
        String binaryName = name.replace('/', '.');
        ClassLoader loader = funcGroup.getClassLoader();
        Class<?> bridge;
        try {
            bridge = Class.forName(binaryName, false, loader);
        } catch (ClassNotFoundException notYet) {
            try {
                bridge = lookup.defineClass(cw.toByteArray());
            } catch (LinkageError raced) { // another instance's thread defined it meanwhile
                bridge = Class.forName(binaryName, false, loader);
            }
        }
        return (CompiledSampleCallback) bridge.getConstructor().newInstance();
    }
}
