package org.wasmbpf.host.libbpf.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What bpftool sees in the kernel, to prove objects were loaded and later released. */
public final class KernelObjects {
    private static final Pattern PROG = Pattern.compile("(?m)^(\\d+): \\S+\\s+name (\\S+)");
    private static final Pattern LINK_PROG = Pattern.compile("(?m)^\\d+: .*?\\bprog (\\d+)");

    private KernelObjects() {}

    /** Ids of loaded programs with this (kernel, at most 15 chars) name. */
    public static List<Integer> programIds(String name) throws IOException, InterruptedException {
        String out = TestBpfObjects.run(List.of("bpftool", "prog", "list"));
        List<Integer> ids = new ArrayList<>();
        Matcher m = PROG.matcher(out);
        while (m.find()) {
            if (m.group(2).equals(name)) {
                ids.add(Integer.parseInt(m.group(1)));
            }
        }
        return ids;
    }

    /** Program ids that links currently point to. */
    public static List<Integer> linkedProgramIds() throws IOException, InterruptedException {
        String out = TestBpfObjects.run(List.of("bpftool", "link", "list"));
        List<Integer> ids = new ArrayList<>();
        Matcher m = LINK_PROG.matcher(out);
        while (m.find()) {
            ids.add(Integer.parseInt(m.group(1)));
        }
        return ids;
    }
}
