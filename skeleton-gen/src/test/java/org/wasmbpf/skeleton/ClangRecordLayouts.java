package org.wasmbpf.skeleton;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses clang's {@code -Xclang -fdump-record-layouts} output: clang's own record layout for
 * the target it compiled for. Used to check bitfield positions, which offsetof cannot reach.
 * Member lines read "BYTE[:FIRST-LAST] | <indent>TYPE NAME"; nested members are indented two
 * spaces per level and carry absolute offsets.
 */
public final class ClangRecordLayouts {
    /** One member: absolute bit offset within the top-level record. */
    public record Member(long bitOffset, boolean bitfield) {
    }

    public record Record(String name, long size, Map<String, Member> members) {
    }

    private static final Pattern LINE = Pattern.compile("^\\s*(\\d+)(?::(\\d+)-(\\d+))?\\s+\\|\\s(.*)$");
    private static final Pattern SIZE = Pattern.compile("\\[sizeof=(\\d+)");

    private ClangRecordLayouts() {
    }

    /** Named top-level records by their C name ("struct fx_bits"). */
    public static Map<String, Record> parse(String dump) {
        Map<String, Record> out = new HashMap<>();
        for (String block : dump.split("\\*\\*\\* Dumping AST Record Layout")) {
            String[] lines = block.split("\n");
            String name = null;
            Map<String, Member> members = new LinkedHashMap<>();
            Deque<String[]> stack = new ArrayDeque<>();
            long size = -1;
            for (String line : lines) {
                Matcher sm = SIZE.matcher(line);
                if (sm.find()) {
                    size = Long.parseLong(sm.group(1));
                    continue;
                }
                Matcher m = LINE.matcher(line);
                if (!m.matches()) {
                    continue;
                }
                String text = m.group(4);
                int indent = text.length() - text.stripLeading().length();
                String decl = text.strip();
                if (name == null) {
                    name = decl;
                    continue;
                }
                int level = indent / 2;
                while (!stack.isEmpty() && Integer.parseInt(stack.peek()[0]) >= level) {
                    stack.pop();
                }
                String member = decl.endsWith(")") ? "" : decl.substring(decl.lastIndexOf(' ') + 1);
                StringBuilder path = new StringBuilder();
                stack.descendingIterator().forEachRemaining(s -> {
                    if (!s[1].isEmpty()) {
                        path.append(s[1]).append('.');
                    }
                });
                path.append(member);
                stack.push(new String[] {Integer.toString(level), member});
                long bit = Long.parseLong(m.group(1)) * 8 + (m.group(2) == null ? 0 : Long.parseLong(m.group(2)));
                if (!member.isEmpty()) {
                    members.putIfAbsent(path.toString(), new Member(bit, m.group(2) != null));
                }
            }
            if (name != null && !name.contains("(anonymous")) {
                out.putIfAbsent(name, new Record(name, size, members));
            }
        }
        return out;
    }
}
