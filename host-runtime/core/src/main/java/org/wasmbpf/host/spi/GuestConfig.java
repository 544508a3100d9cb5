package org.wasmbpf.host.spi;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * What a guest sees of the outside world through WASI. {@code args.get(0)} is the module's
 * name. The environment is empty unless the caller passes one.
 */
public record GuestConfig(
        List<String> args,
        Map<String, String> env,
        InputStream stdin,
        OutputStream stdout,
        OutputStream stderr) {}
