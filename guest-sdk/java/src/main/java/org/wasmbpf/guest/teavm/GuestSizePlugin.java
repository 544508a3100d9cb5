package org.wasmbpf.guest.teavm;

import org.teavm.classlib.impl.JCLPlugin;
import org.teavm.vm.spi.After;
import org.teavm.vm.spi.TeaVMHost;
import org.teavm.vm.spi.TeaVMPlugin;

/**
 * Runs in the TeaVM compiler, not in the module: TeaVM finds it on the guest's classpath through
 * META-INF/services and lets it rewrite class-library code that would make the module large.
 * After the class library's plugin, whose string concatenation it replaces (the last one wins).
 */
@After(JCLPlugin.class)
public final class GuestSizePlugin implements TeaVMPlugin {
    @Override
    public void install(TeaVMHost host) {
        host.add(new WasiArgsTransformer());
        host.add(StringConcatSubstitutor.BOOTSTRAP, new StringConcatSubstitutor());
    }
}
