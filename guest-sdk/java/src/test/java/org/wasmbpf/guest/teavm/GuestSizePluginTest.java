package org.wasmbpf.guest.teavm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.teavm.classlib.impl.JCLPlugin;
import org.teavm.vm.spi.After;
import org.teavm.vm.spi.TeaVMPlugin;

/**
 * Nothing fails when TeaVM does not find the plugin: the module only grows by half. So the
 * registration and the ordering it depends on are checked here.
 */
class GuestSizePluginTest {
    @Test
    void theSdkJarNamesThePluginForTeaVM() throws IOException {
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("META-INF/services/" + TeaVMPlugin.class.getName())) {
            assertNotNull(in, "META-INF/services entry for TeaVM plugins");
            assertEquals(GuestSizePlugin.class.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
        }
    }

    @Test
    void itRunsAfterTheClassLibrarysPluginWhoseConcatenationItReplaces() {
        After after = GuestSizePlugin.class.getAnnotation(After.class);
        assertNotNull(after);
        assertArrayEquals(new Class<?>[] {JCLPlugin.class}, after.value());
    }

    @Test
    void itReplacesJavacsConcatenationBootstrap() {
        assertEquals("java.lang.invoke.StringConcatFactory.makeConcatWithConstants(Ljava/lang/invoke/MethodHandles$Lookup;"
                + "Ljava/lang/String;Ljava/lang/invoke/MethodType;Ljava/lang/String;[Ljava/lang/Object;)"
                + "Ljava/lang/invoke/CallSite;", StringConcatSubstitutor.BOOTSTRAP.toString());
    }
}
