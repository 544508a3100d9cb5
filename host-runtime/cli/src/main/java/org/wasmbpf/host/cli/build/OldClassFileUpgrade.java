package org.wasmbpf.host.cli.build;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Build step, run on the shaded wasm-bpf.jar: rewrites the class files older than Java 6 (major
 * version below 50; picocli, ASM, jffi and slf4j ship them for Java 5) as Java 8 class files with
 * stack map frames. The JVM's class-data and AOT caches leave pre-Java-6 classes out, so without
 * this every start loads and verifies picocli's ~170 classes afresh (~150 ms of a cold start). A
 * class whose frames cannot be computed is kept as it was. Not part of the shipped jar.
 */
public final class OldClassFileUpgrade {
    private static final int JAVA_6 = 50;

    private OldClassFileUpgrade() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: OldClassFileUpgrade JAR");
        }
        Path jar = Path.of(args[0]);
        Path out = jar.resolveSibling(jar.getFileName() + ".upgrading");
        int old = 0;
        int upgraded = 0;
        try (JarFile in = new JarFile(jar.toFile(), false);
                URLClassLoader hierarchy = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                        ClassLoader.getPlatformClassLoader());
                JarOutputStream target = new JarOutputStream(Files.newOutputStream(out))) {
            for (Enumeration<JarEntry> entries = in.entries(); entries.hasMoreElements();) {
                JarEntry entry = entries.nextElement();
                byte[] bytes;
                try (InputStream s = in.getInputStream(entry)) {
                    bytes = s.readAllBytes();
                }
                if (entry.getName().endsWith(".class") && majorVersion(bytes) < JAVA_6) {
                    old++;
                    byte[] rewritten = upgrade(bytes, hierarchy);
                    if (rewritten != bytes) {
                        upgraded++;
                        bytes = rewritten;
                    }
                }
                JarEntry copy = new JarEntry(entry.getName());
                copy.setTime(entry.getTime());
                target.putNextEntry(copy);
                target.write(bytes);
                target.closeEntry();
            }
        }
        Files.move(out, jar, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("OldClassFileUpgrade: " + upgraded + " of " + old + " pre-Java-6 class files in "
                + jar.getFileName() + " rewritten as Java 8 class files");
    }

    static int majorVersion(byte[] classFile) {
        return classFile.length < 8 ? Integer.MAX_VALUE : ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
    }

    /** The class as a Java 8 class file with frames, or {@code bytes} itself when that cannot be done. */
    static byte[] upgrade(byte[] bytes, ClassLoader hierarchy) {
        try {
            ClassReader reader = new ClassReader(bytes);
            ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
                @Override
                protected ClassLoader getClassLoader() {
                    return hierarchy;
                }
            };
            reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
                @Override
                public void visit(int version, int access, String name, String signature, String superName,
                        String[] interfaces) {
                    super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
                }
            }, ClassReader.SKIP_FRAMES);
            return writer.toByteArray();
        } catch (RuntimeException | LinkageError e) {
            return bytes; // e.g. JSR/RET, or a supertype missing from the jar: it keeps working as it was
        }
    }
}
