package org.wasmbpf.host.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.wasmbpf.host.ExitCodes;
import org.wasmbpf.host.distribution.ContentCache;
import org.wasmbpf.host.distribution.Digests;
import org.wasmbpf.host.distribution.DistributionException;
import org.wasmbpf.host.distribution.ModuleArtifact;
import org.wasmbpf.host.distribution.ModuleLocator;

/**
 * The bytes {@code run}'s module argument names, whether a local file, a URL or an OCI reference,
 * checked against the {@code --sha256} pin; or the exit code after one line saying why not.
 */
record ModuleInput(byte[] bytes, String fileName, int exitCode) {
    /** {@code pin} is {@code sha256:<hex>} or null; {@code cacheRoot} null for no cache. */
    static ModuleInput read(String argument, String pin, Path cacheRoot, PrintWriter err) {
        if (ModuleLocator.isRemote(argument)) {
            try {
                ModuleArtifact a = new ModuleLocator(ContentCache.at(cacheRoot)).fetch(argument, pin);
                return new ModuleInput(a.bytes(), a.fileName(), 0);
            } catch (DistributionException e) {
                return failed(Fetching.report(err, argument, e));
            }
        }
        return readFile(Path.of(argument), argument, pin, err);
    }

    /** A local file, named {@code argument} in messages. */
    static ModuleInput readFile(Path path, String argument, String pin, PrintWriter err) {
        ModuleFile file = ModuleFile.read(path);
        if (file.failure() != null) {
            return failed(say(err, argument, file.failure(), ExitCodes.NO_INPUT));
        }
        if (pin != null && !pin.equals(Digests.of(file.bytes()))) {
            return failed(say(err, argument, "the file is " + Digests.of(file.bytes()) + ", not the pinned " + pin,
                    ExitCodes.DIGEST_MISMATCH));
        }
        Path name = path.getFileName();
        return new ModuleInput(file.bytes(), name != null ? name.toString() : argument, 0);
    }

    boolean failed() {
        return bytes == null;
    }

    private static ModuleInput failed(int exitCode) {
        return new ModuleInput(null, null, exitCode);
    }

    private static int say(PrintWriter err, String argument, String why, int exitCode) {
        err.println("wasm-bpf: " + argument + ": " + why);
        err.flush();
        return exitCode;
    }
}
