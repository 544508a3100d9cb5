package org.wasmbpf.host.runner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wasmbpf.bpf.btf.BtfType;

class GlobalFlagTest {
    private final byte[] rodata = new byte[32];

    @Test
    void unsignedIntegersTakeDecimalAndHexUpToTheirWidth() {
        GlobalFlag u64 = new GlobalFlag("min_duration_ns", "__u64", GlobalFlag.Kind.UNSIGNED, 8, 8, null);
        u64.encode("18446744073709551615", rodata);
        assertEquals("18446744073709551615", u64.text(rodata));
        u64.encode("0x10", rodata);
        assertEquals("16", u64.text(rodata));
        assertEquals("--min_duration_ns: '-1' is not an unsigned 64-bit integer (0..18446744073709551615)",
                assertThrows(FlagValueException.class, () -> u64.encode("-1", rodata)).getMessage());
        assertThrows(FlagValueException.class, () -> u64.encode("18446744073709551616", rodata));
        assertThrows(FlagValueException.class, () -> u64.encode("12ms", rodata));
    }

    @Test
    void signedIntegersKeepTheirSignAndRange() {
        GlobalFlag s32 = new GlobalFlag("targ_tgid", "pid_t", GlobalFlag.Kind.SIGNED, 0, 4, null);
        s32.encode("-5", rodata);
        assertEquals("-5", s32.text(rodata));
        assertArrayEquals(new byte[] {-5, -1, -1, -1}, java.util.Arrays.copyOf(rodata, 4), "little-endian in place");
        assertEquals("--targ_tgid: '2147483648' is not a signed 32-bit integer (-2147483648..2147483647)",
                assertThrows(FlagValueException.class, () -> s32.encode("2147483648", rodata)).getMessage());
    }

    @Test
    void boolsAndStringsAndEnums() {
        GlobalFlag bool = new GlobalFlag("targ_ms", "bool", GlobalFlag.Kind.BOOL, 0, 1, null);
        bool.encode("true", rodata);
        assertEquals("true", bool.text(rodata));
        bool.encode("0", rodata);
        assertEquals("false", bool.text(rodata));
        assertThrows(FlagValueException.class, () -> bool.encode("maybe", rodata));

        GlobalFlag comm = new GlobalFlag("targ_comm", "char[8]", GlobalFlag.Kind.CHARS, 8, 8, null);
        comm.encode("bash", rodata);
        assertEquals("bash", comm.text(rodata));
        comm.encode("sh", rodata);
        assertEquals("sh", comm.text(rodata), "the rest is cleared");
        assertEquals("--targ_comm: 'toolongname' is not a string of at most 7 bytes",
                assertThrows(FlagValueException.class, () -> comm.encode("toolongname", rodata)).getMessage());

        BtfType.Enum mode = new BtfType.Enum(1, "mode", 4, false,
                List.of(new BtfType.EnumValue("MODE_A", 0), new BtfType.EnumValue("MODE_B", 7)));
        GlobalFlag e = new GlobalFlag("mode", "enum mode", GlobalFlag.Kind.ENUM, 16, 4, mode);
        e.encode("MODE_B", rodata);
        assertEquals("MODE_B", e.text(rodata));
        assertEquals("MODE_A|MODE_B", e.label());
        assertThrows(FlagValueException.class, () -> e.encode("MODE_C", rodata));
    }
}
