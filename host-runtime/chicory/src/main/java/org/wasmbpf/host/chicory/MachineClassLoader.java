package org.wasmbpf.host.chicory;

import java.util.Map;

/**
 * Defines one module's compiled classes, each when first asked for. It looks among them before
 * its parent: the parent, the application class loader, would search the tool's jar for each of
 * them (with a class cache, a run need not open that jar at all).
 */
final class MachineClassLoader extends ClassLoader {
    private final Map<String, byte[]> classes;

    MachineClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
        super(parent);
        this.classes = classes;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                c = defineClass(name, bytes, 0, bytes.length);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }
}
