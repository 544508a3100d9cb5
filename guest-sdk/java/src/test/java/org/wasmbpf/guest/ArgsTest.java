package org.wasmbpf.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ArgsTest {
    private static Args args() {
        return new Args("tool", "usage\n").flag('v', "verbose").option('d', "duration");
    }

    @Test
    void readsFlagsAndValuesInEveryGetoptSpelling() {
        for (String[] argv : new String[][] {
                {"-v", "-d", "5"}, {"-vd5"}, {"-vd", "5"}, {"--verbose", "--duration=5"},
                {"--verbose", "--duration", "5"}, {"--verb", "--dur=5"}, {"-d5", "-v", "--"}}) {
            Args a = args().parse(argv);
            assertTrue(a.has("verbose"), String.join(" ", argv));
            assertEquals("5", a.value("duration", null), String.join(" ", argv));
        }
    }

    @Test
    void absentOptionsKeepTheirFallback() {
        Args a = args().parse(new String[0]);
        assertFalse(a.has("verbose"));
        assertEquals("0", a.value("duration", "0"));
    }

    @Test
    void helpIsRequestedByEitherName() {
        assertThrows(Args.HelpRequested.class, () -> args().parse(new String[] {"-h"}));
        assertThrows(Args.HelpRequested.class, () -> args().parse(new String[] {"-v", "--help"}));
    }

    @Test
    void mistakesAreNamedAsTheCToolsNameThem() {
        assertEquals("unknown option '-x'", mistake("-x"));
        assertEquals("unknown option '--nope'", mistake("--nope"));
        assertEquals("unknown option '--verbose=1'", mistake("--verbose=1"));
        assertEquals("option '-d' needs a value", mistake("-d"));
        assertEquals("option '--duration' needs a value", mistake("--duration"));
        assertEquals("unexpected argument 'extra'", mistake("-v", "extra"));
        assertEquals("unexpected argument 'after'", mistake("--", "after"));
    }

    private static String mistake(String... argv) {
        return assertThrows(Args.UsageException.class, () -> args().parse(argv)).getMessage();
    }

    @Test
    void positionalsAreCollectedWhereverTheyStandUpToTheLimit() {
        Args a = args().positionals(2).parse(new String[] {"1", "-v", "10", "-d", "3"});
        assertEquals(2, a.positionals().length);
        assertEquals("1", a.positionals()[0]);
        assertEquals("10", a.positionals()[1]);
        assertTrue(a.has("verbose"));
        assertEquals("-5", args().positionals(1).parse(new String[] {"--", "-5"}).positionals()[0]);
        Args.UsageException e = org.junit.jupiter.api.Assertions.assertThrows(Args.UsageException.class,
                () -> args().positionals(2).parse(new String[] {"1", "2", "3"}));
        assertEquals("unexpected argument '3'", e.getMessage());
    }

    private static Args typed() {
        return new Args("tool", "usage\n").flag('v', "verbose")
                .option('d', "duration", new WholeNumber("duration", 0, 1000).expected("milliseconds, 0 or more"))
                .option('p', "pid", new WholeNumber("PID", 1, Integer.MAX_VALUE))
                .positionals(2);
    }

    @Test
    void wholeNumberOptionsAreReadAsTheyAreParsed() {
        Args a = typed().parse(new String[] {"-d", "15", "--pid=185", "-d", "20"});
        assertEquals(20, a.longValue("duration", 0));
        assertEquals(185, a.intValue("pid", 0));
        assertEquals("20", a.value("duration", null));
        Args none = typed().parse(new String[0]);
        assertEquals(-1, none.longValue("duration", -1));
        assertEquals(0, none.intValue("pid", 0));
    }

    @Test
    void aBadNumberIsAMistakeThatNamesIt() {
        assertEquals("invalid duration 'x': expected milliseconds, 0 or more", typedMistake("-dx"));
        assertEquals("invalid duration '-1': expected milliseconds, 0 or more", typedMistake("--duration", "-1"));
        assertEquals("invalid duration '1001': expected milliseconds, 0 or more", typedMistake("-d", "1001"));
        assertEquals("invalid PID '0': expected a whole number from 1 to 2147483647", typedMistake("-p0"));
        assertEquals("invalid PID '99999999999999999999': expected a whole number from 1 to 2147483647",
                typedMistake("-p", "99999999999999999999"));
        // getopt's order: the first mistake on the command line is the one reported
        assertEquals("invalid PID 'x': expected a whole number from 1 to 2147483647", typedMistake("-px", "-q"));
    }

    private static String typedMistake(String... argv) {
        return assertThrows(Args.UsageException.class, () -> typed().parse(argv)).getMessage();
    }

    @Test
    void operandsAreReadAsWholeNumbers() {
        WholeNumber interval = new WholeNumber("interval", 1, 0xFFFFFFFFL);
        Args a = typed().parse(new String[] {"5", "-v"});
        assertEquals(5, a.positional(0, interval, 99));
        assertEquals(99, a.positional(1, interval, 99));
    }

    @Test
    void typedReadsOfUndeclaredOrUntypedOptionsAreMistakesOfTheTool() {
        Args a = typed().parse(new String[0]);
        assertThrows(IllegalArgumentException.class, () -> a.longValue("verbose", 0));
        assertThrows(IllegalArgumentException.class, () -> a.longValue("nope", 0));
        Args wide = new Args("tool", "").option('n', "n", new WholeNumber("n", 0, Long.MAX_VALUE)).parse(new String[0]);
        assertThrows(IllegalArgumentException.class, () -> wide.intValue("n", 0));
    }
}
