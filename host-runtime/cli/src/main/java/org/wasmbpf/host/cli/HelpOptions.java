package org.wasmbpf.host.cli;

import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code -h/--help} and {@code -V/--version}, as {@code mixinStandardHelpOptions} would add them: that
 * attribute builds its options from an annotated picocli class, which costs a cold start the
 * annotation proxies this CLI avoids (see {@link WasmBpfMain}).
 */
final class HelpOptions {
    private HelpOptions() {}

    /** Names a subcommand and gives it its usage text (its options, then {@link #addTo}, follow). */
    static void describe(CommandSpec spec, String name, IVersionProvider version, String footer, String... description) {
        spec.name(name).versionProvider(version);
        spec.usageMessage().description(description).footer("", footer);
    }

    static void addTo(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).type(boolean.class).initialValue(false)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).type(boolean.class).initialValue(false)
                .description("Print version information and exit.").build());
    }
}
