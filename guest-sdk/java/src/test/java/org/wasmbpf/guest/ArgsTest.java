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
}
