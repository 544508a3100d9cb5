package org.wasmbpf.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineOutputStreamTest {
    @Test
    void linesSplitAcrossWritesArriveWholeWithoutTheirEnds() {
        List<String> lines = new ArrayList<>();
        LineOutputStream out = new LineOutputStream(lines::add);
        byte[] a = "EXEC sh\r\nEXEC l".getBytes(StandardCharsets.UTF_8);
        out.write(a, 0, a.length);
        out.write('s');
        byte[] b = "\n\nünï\ntail".getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
        assertEquals(List.of("EXEC sh", "EXEC ls", "", "ünï"), lines);
        out.close();
        assertEquals("tail", lines.get(lines.size() - 1), "a last line without newline is handed over on close");
    }
}
