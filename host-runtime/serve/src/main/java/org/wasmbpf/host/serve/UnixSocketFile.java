package org.wasmbpf.host.serve;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A server killed with SIGKILL leaves its socket file behind, and binding fails on it: such a
 * file is removed, but only when nothing answers on it, so a second server cannot take the
 * socket of one that still runs.
 */
final class UnixSocketFile {
    private UnixSocketFile() {}

    static void removeIfStale(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(path));
            throw new IllegalArgumentException("--listen unix:" + path + ": another server is listening there");
        } catch (IOException stale) {
            Files.delete(path);
        }
    }
}
