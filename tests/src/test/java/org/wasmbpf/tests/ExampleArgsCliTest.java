package org.wasmbpf.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wasmbpf.tests.support.CliProcess;
import org.wasmbpf.tests.support.Repo;

/**
 * The Java examples read their command lines as their C twins do: for each mistake the same
 * message, the usage after it and exit code 1 (and for --help the usage and 0), byte for byte.
 * Nothing is loaded into the kernel: every case ends before the tool opens its object.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ExampleArgsCliTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "bootstrap | -d x",
            "bootstrap | -d -1",
            "bootstrap | --duration=9223372036855",
            "bootstrap | -d 99999999999999999999",
            "bootstrap | -d",
            "bootstrap | --nope",
            "bootstrap | -v extra",
            "bootstrap | --help",
            "runqlat | -p 0",
            "runqlat | -p abc",
            "runqlat | --pid=2147483648",
            "runqlat | 0",
            "runqlat | 1 x",
            "runqlat | 4294967296",
            "runqlat | -P -L",
            "runqlat | 1 2 3",
            "runqlat | -h"})
    void javaAndCReportTheSame(String tool, String args) throws Exception {
        Result c = run("c", tool, args.split(" "));
        Result java = run("java", tool, args.split(" "));
        assertEquals(c, java, "C:\n" + c + "\nJava:\n" + java);
        assertEquals(args.contains("-h") ? 0 : 1, c.exitCode, c.toString());
    }

    private record Result(int exitCode, List<String> stdout, List<String> stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + String.join("\n", stdout) + "\n--- stderr ---\n"
                    + String.join("\n", stderr);
        }
    }

    private static Result run(String language, String tool, String... args) throws Exception {
        try (CliProcess cli = CliProcess.run("chicory", Repo.example(language, tool), args)) {
            int code = cli.waitFor(Duration.ofSeconds(60));
            return new Result(code, cli.stdout(), cli.stderr());
        }
    }
}
