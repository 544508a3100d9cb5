package org.wasmbpf.guest;

/**
 * Command-line options as C tools read them with {@code getopt_long}: {@code -v}, {@code -d 5},
 * {@code -d5}, {@code -vd5}, {@code --duration 5}, {@code --duration=5}, {@code --} ends options.
 * {@code -h}/{@code --help} prints the usage text on stdout and exits 0; a mistake prints
 * {@code TOOL: what is wrong} and the usage on stderr and exits 1, as the C examples do.
 *
 * <pre>{@code
 * Args args = new Args("bootstrap", USAGE)
 *         .option('d', "duration", new WholeNumber("duration", 0, MAX_MS))
 *         .flag('v', "verbose")
 *         .parseOrExit(argv);
 * long minDurationMs = args.longValue("duration", 0);
 * boolean verbose = args.has("verbose");
 * }</pre>
 *
 * <p>A whole-number option is read and checked as it is parsed, so {@code -d x} is a mistake like
 * {@code -x}: the message names the value ({@link WholeNumber}), the usage follows, exit code 1.
 */
public final class Args {
    /** A mistake in the command line, with the message the tool prints. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }

    /** The user asked for the usage text. */
    public static final class HelpRequested extends RuntimeException {
        public HelpRequested() {
            super("help");
        }
    }

    /**
     * More options than a tool needs. Fixed, because growing the arrays took java.util.Arrays and
     * reflection into the module.
     */
    private static final int MAX_OPTIONS = 32;

    private final String tool;
    private final String usage;
    private final char[] shortNames = new char[MAX_OPTIONS];
    private final String[] longNames = new String[MAX_OPTIONS];
    private final boolean[] takesValue = new boolean[MAX_OPTIONS];
    private final String[] values = new String[MAX_OPTIONS];
    private final boolean[] seen = new boolean[MAX_OPTIONS];
    /** The accepted values of whole-number options, null for the others; then what was given. */
    private final WholeNumber[] numberTypes = new WholeNumber[MAX_OPTIONS];
    private final long[] numbers = new long[MAX_OPTIONS];
    private int count;
    private int maxPositionals;
    private String[] positionals = new String[0];

    /** {@code usage}: the complete help text, printed as it is. */
    public Args(String tool, String usage) {
        this.tool = tool;
        this.usage = usage;
        flag('h', "help");
    }

    /** An option without a value. */
    public Args flag(char shortName, String longName) {
        return add(shortName, longName, false);
    }

    /** An option with a value. */
    public Args option(char shortName, String longName) {
        return add(shortName, longName, true);
    }

    /** An option whose value is a whole number in {@code type}'s range; read it with {@link #longValue}. */
    public Args option(char shortName, String longName, WholeNumber type) {
        add(shortName, longName, true);
        numberTypes[count - 1] = type;
        return this;
    }

    /**
     * Accepts up to {@code max} arguments that are not options (such as runqlat's
     * {@code interval count}), wherever they stand, as getopt_long permutes them.
     */
    public Args positionals(int max) {
        this.maxPositionals = max;
        return this;
    }

    /** The arguments that are not options, in order. */
    public String[] positionals() {
        return positionals;
    }

    public String tool() {
        return tool;
    }

    public String usage() {
        return usage;
    }

    /** Whether the option was given (by either name). */
    public boolean has(String longName) {
        return seen[index(longName)];
    }

    /** The option's value (the last one given), or {@code fallback}. */
    public String value(String longName, String fallback) {
        String v = values[index(longName)];
        return v != null ? v : fallback;
    }

    /** A whole-number option's value (the last one given, already checked), or {@code fallback}. */
    public long longValue(String longName, long fallback) {
        int o = numberOption(longName);
        return seen[o] ? numbers[o] : fallback;
    }

    /** {@link #longValue} of an option whose range lies within {@code int}'s. */
    public int intValue(String longName, int fallback) {
        int o = numberOption(longName);
        if (numberTypes[o].min() < Integer.MIN_VALUE || numberTypes[o].max() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--" + longName + " takes numbers beyond int's range");
        }
        return seen[o] ? (int) numbers[o] : fallback;
    }

    /**
     * The operand at {@code index} as a whole number, or {@code fallback} when there are fewer;
     * a bad one is reported as {@link #fail} reports it. Read after the option checks that
     * should come first, as C tools read their operands after getopt's loop.
     */
    public long positional(int index, WholeNumber type, long fallback) {
        if (index >= positionals.length) {
            return fallback;
        }
        try {
            return type.parse(positionals[index]);
        } catch (UsageException e) {
            fail(e.getMessage());
            return fallback;
        }
    }

    /**
     * Parses the arguments (without the program name). On {@code --help} prints the usage and exits
     * 0; on a mistake prints it with the usage on stderr and exits 1.
     */
    public Args parseOrExit(String[] args) {
        try {
            return parse(args);
        } catch (HelpRequested h) {
            Console.print(usage);
            throw new Exit.Request(0);
        } catch (UsageException e) {
            fail(e.getMessage());
            return this;
        }
    }

    /** Reports a bad value as the C tools do: the message, the usage, exit code 1. */
    public void fail(String message) {
        Console.err(tool + ": " + message);
        Console.printErr(usage);
        throw new Exit.Request(1);
    }

    /** Parses the arguments (without the program name), throwing instead of exiting. */
    public Args parse(String[] args) {
        positionals = new String[0];
        boolean optionsEnded = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (optionsEnded || arg.length() < 2 || arg.charAt(0) != '-') {
                addPositional(arg);
            } else if (arg.equals("--")) {
                optionsEnded = true;
            } else if (arg.charAt(1) == '-') {
                int eq = arg.indexOf('=');
                int o = findLong(arg.substring(2, eq < 0 ? arg.length() : eq));
                if (o < 0 || eq >= 0 && !takesValue[o]) {
                    throw mistake("unknown option '", arg, "'");
                }
                String value = eq >= 0 ? arg.substring(eq + 1) : null;
                if (takesValue[o] && value == null) {
                    if (++i == args.length) {
                        throw mistake("option '", arg, "' needs a value");
                    }
                    value = args[i];
                }
                set(o, value);
            } else {
                for (int c = 1; c < arg.length(); c++) {
                    int o = findShort(arg.charAt(c));
                    if (o < 0) {
                        throw mistake("unknown option '", arg, "'");
                    }
                    String value = null;
                    if (takesValue[o]) {
                        // the rest of this argument is the value, else the next argument
                        if (c + 1 < arg.length()) {
                            value = arg.substring(c + 1);
                        } else if (++i < args.length) {
                            value = args[i];
                        } else {
                            throw mistake("option '", arg, "' needs a value");
                        }
                        c = arg.length();
                    }
                    set(o, value);
                }
            }
        }
        return this;
    }

    /** One place that builds the messages: every string concatenation is code in the module. */
    private static UsageException mistake(String before, String arg, String after) {
        return new UsageException(before + arg + after);
    }

    private void addPositional(String arg) {
        if (positionals.length == maxPositionals) {
            throw mistake("unexpected argument '", arg, "'");
        }
        String[] more = new String[positionals.length + 1];
        System.arraycopy(positionals, 0, more, 0, positionals.length);
        more[positionals.length] = arg;
        positionals = more;
    }

    private void set(int option, String value) {
        if (option == 0) {
            throw new HelpRequested();
        }
        if (numberTypes[option] != null) {
            numbers[option] = numberTypes[option].parse(value);
        }
        seen[option] = true;
        values[option] = value;
    }

    private Args add(char shortName, String longName, boolean value) {
        if (count == MAX_OPTIONS) {
            throw new IllegalStateException("more than 32 options");
        }
        shortNames[count] = shortName;
        longNames[count] = longName;
        takesValue[count] = value;
        count++;
        return this;
    }

    private int findShort(char name) {
        for (int o = 0; o < count; o++) {
            if (shortNames[o] == name) {
                return o;
            }
        }
        return -1;
    }

    /** Exact name, else an unambiguous prefix ("--dur"), as getopt_long allows. */
    private int findLong(String name) {
        int found = -1;
        for (int o = 0; o < count; o++) {
            if (longNames[o].equals(name)) {
                return o;
            }
            if (!name.isEmpty() && longNames[o].startsWith(name)) {
                found = found == -1 ? o : -2;
            }
        }
        return found < 0 ? -1 : found;
    }

    private int numberOption(String longName) {
        int o = index(longName);
        if (numberTypes[o] == null) {
            throw new IllegalArgumentException("--" + longName + " was not declared with a WholeNumber");
        }
        return o;
    }

    private int index(String longName) {
        for (int o = 0; o < count; o++) {
            if (longNames[o].equals(longName)) {
                return o;
            }
        }
        throw new IllegalArgumentException("no option --" + longName + " was declared");
    }
}
