package org.wasmbpf.host.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version line, from the properties Maven fills in at build time. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {"wasm-bpf " + p.getProperty("version", "unknown")
                + " (Chicory " + p.getProperty("chicory", "unknown") + ", Java " + System.getProperty("java.version") + ")"};
    }
}
