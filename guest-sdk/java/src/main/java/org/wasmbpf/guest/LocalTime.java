package org.wasmbpf.guest;

/**
 * The wall-clock time of day as {@code HH:MM:SS}, what C tools print with
 * {@code strftime("%H:%M:%S", localtime(...))}. WASI has no time zones, so as in wasi-libc local
 * time is UTC.
 */
public final class LocalTime {
    private LocalTime() {
    }

    /** Now, from WASI's realtime clock. */
    public static String now() {
        return format(System.currentTimeMillis());
    }

    /** The time of day of a Unix time in milliseconds. */
    public static String format(long epochMillis) {
        long seconds = Math.floorMod(Math.floorDiv(epochMillis, 1000L), 86400L);
        int h = (int) (seconds / 3600);
        int m = (int) (seconds / 60 % 60);
        int s = (int) (seconds % 60);
        // Digits into chars rather than concatenation, which is several calls per piece in a module.
        char[] text = new char[8];
        text[0] = (char) ('0' + h / 10);
        text[1] = (char) ('0' + h % 10);
        text[2] = ':';
        text[3] = (char) ('0' + m / 10);
        text[4] = (char) ('0' + m % 10);
        text[5] = ':';
        text[6] = (char) ('0' + s / 10);
        text[7] = (char) ('0' + s % 10);
        return new String(text);
    }
}
