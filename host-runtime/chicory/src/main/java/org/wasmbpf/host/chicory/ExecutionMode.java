package org.wasmbpf.host.chicory;

/** How Chicory executes the guest. Numbers behind the default: docs/host.md. */
public enum ExecutionMode {
    /** Chicory's interpreter: no start-up cost, slow loops. */
    INTERPRETER,
    /** Chicory's compiler: the module becomes JVM bytecode when it is loaded (cacheable on disk). */
    COMPILER;

    public static final ExecutionMode DEFAULT = COMPILER;
}
