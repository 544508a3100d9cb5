package org.wasmbpf.host.wasmtime;

import io.github.kawamuray.wasmtime.Config;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.wasmbpf.host.spi.AtomicFile;

/**
 * Wasmtime's own cache of compiled modules (wasmtime-cache 7.0.1, built into the binding's
 * library; the binding cannot serialize a module itself). Wasmtime keys an entry by the SHA-256
 * of the module's bytes and the compiler's settings, writes it to a temporary file and renames it
 * in, and compiles afresh when an entry cannot be read or deserialized. The directory is per
 * binding version because this build of wasmtime reports an empty version in its own layout.
 * Wasmtime reads its settings only from a TOML file, kept beside the entries.
 */
final class CompiledModuleDiskCache {
    static final String BINDING_VERSION = "0.19.0";

    private final Path settings;
    private final Path entries;

    /** @param root the backend's directory ({@code <cache-dir>/wasmtime}) */
    CompiledModuleDiskCache(Path root) {
        Path dir = root.toAbsolutePath().normalize();
        this.settings = dir.resolve("wasmtime-java-" + BINDING_VERSION + ".toml");
        this.entries = dir.resolve("modules-" + BINDING_VERSION);
    }

    Path entries() {
        return entries;
    }

    /** Turns the cache on in {@code config}; throws when the settings cannot be written or are refused. */
    Config enable(Config config) throws IOException {
        writeSettingsIfChanged();
        return config.cacheConfigLoad(settings);
    }

    private void writeSettingsIfChanged() throws IOException {
        byte[] wanted = settingsText().getBytes(StandardCharsets.UTF_8);
        if (Files.isRegularFile(settings) && Arrays.equals(Files.readAllBytes(settings), wanted)) {
            return;
        }
        Files.createDirectories(settings.getParent());
        AtomicFile.write(settings, wanted);
    }

    String settingsText() {
        return "[cache]\nenabled = true\ndirectory = " + tomlString(entries.toString()) + "\n";
    }

    /** A TOML basic string; control characters, which no sane cache path holds, are refused. */
    static String tomlString(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("cache path holds a control character: " + s);
            }
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }
}
