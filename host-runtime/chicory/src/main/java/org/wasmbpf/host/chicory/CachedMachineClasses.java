package org.wasmbpf.host.chicory;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Chicory's compiled classes for one module as its compiler hands them to a cache: a jar of the
 * classes whose {@code wasm-module.properties} names the machine class. Chicory's own way back
 * from such a jar makes the machine factory with {@code MethodHandleProxies}, which generates a
 * class at run time that no class cache keeps: 7-10 ms of every cold start. This one calls the
 * machine's constructor by reflection, which costs well under a millisecond. The jar's layout is
 * Chicory 1.7.5's, as is the cache directory's name ({@link CompiledClassCache}).
 */
final class CachedMachineClasses {
    private static final String PROPERTIES = "wasm-module.properties";
    private static final String CLASS_SUFFIX = ".class";

    private final Map<String, byte[]> classes;
    private final String machineClass;

    private CachedMachineClasses(Map<String, byte[]> classes, String machineClass) {
        this.classes = classes;
        this.machineClass = machineClass;
    }

    /** The classes of a cache entry; throws IOException if it is not such a jar. */
    static CachedMachineClasses read(byte[] jar) throws IOException {
        Map<String, byte[]> classes = new HashMap<>();
        String machineClass = null;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                String name = e.getName();
                if (name.equals(PROPERTIES)) {
                    Properties p = new Properties();
                    p.load(in);
                    machineClass = p.getProperty("mainClass");
                } else if (name.endsWith(CLASS_SUFFIX)) {
                    String binaryName = name.substring(0, name.length() - CLASS_SUFFIX.length()).replace('/', '.');
                    classes.put(binaryName, in.readAllBytes());
                }
            }
        }
        if (machineClass == null || !classes.containsKey(machineClass)) {
            throw new IOException("no machine class in the cached classes");
        }
        return new CachedMachineClasses(classes, machineClass);
    }

    /** Whether the machine runs some functions in Chicory's interpreter, see {@link InterpreterFallbackScan}. */
    boolean callsInterpreter() {
        return InterpreterFallbackScan.namesInterpreter(classes.get(machineClass));
    }

    /**
     * A factory of machines, as Chicory's compiler would make it. Defines every class now, as
     * Chicory does, so that a damaged one fails here (and its cache entry is replaced) rather than
     * in the middle of a run.
     */
    Function<Instance, Machine> machineFactory() {
        Constructor<? extends Machine> constructor;
        try {
            MachineClassLoader loader = new MachineClassLoader(classes, Machine.class.getClassLoader());
            for (String name : classes.keySet()) {
                loader.loadClass(name);
            }
            constructor = loader.loadClass(machineClass).asSubclass(Machine.class).getConstructor(Instance.class);
        } catch (ReflectiveOperationException e) {
            throw new ChicoryException(e);
        }
        return instance -> newMachine(constructor, instance);
    }

    private static Machine newMachine(Constructor<? extends Machine> constructor, Instance instance) {
        try {
            return constructor.newInstance(instance);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new ChicoryException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new ChicoryException(e);
        }
    }
}
