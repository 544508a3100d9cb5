package org.wasmbpf.host.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code -h/--help} and {@code -V/--version}, as {@code mixinStandardHelpOptions} would add them: that
 * attribute builds its options from an annotated picocli class, which costs a cold start the
 * annotation proxies this CLI avoids (see {@link WasmBpfMain}).
 */
final class HelpOptions {
    private HelpOptions() {}

    static void addTo(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).type(boolean.class).initialValue(false)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).type(boolean.class).initialValue(false)
                .description("Print version information and exit.").build());
    }
}
