package org.wasmbpf.host.libbpf;

/** An attachment of one program, owned by its {@link BpfObject}, destroyed by its close. */
public final class BpfLink {
    private final String program;
    private final String section;
    private final String target;
    private long link;

    BpfLink(String program, String section, String target, long link) {
        this.program = program;
        this.section = section;
        this.target = target;
        this.link = link;
    }

    public String program() {
        return program;
    }

    public String section() {
        return section;
    }

    /** The attach target given (interface, cgroup path), or null for auto-attach. */
    public String target() {
        return target;
    }

    synchronized void destroy() {
        if (link != 0) {
            Native.calls().bpfLinkDestroy(link);
            link = 0;
        }
    }

    @Override
    public String toString() {
        return "link of " + program + " (" + section + (target == null ? "" : " -> " + target) + ")";
    }
}
