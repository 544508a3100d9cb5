package org.wasmbpf.bench;

/**
 * A JVM that does nothing but print the header line the start-up bench waits for, then idles: its
 * cold start on the launcher's java and options is the part of every JVM backend's start that no
 * change to the tool can remove, measured in the same run as the tool (the machine's speed drifts).
 */
public final class JvmFloor {
    private JvmFloor() {}

    public static void main(String[] args) throws InterruptedException {
        System.out.println("TIME (no tool: a JVM's start alone)");
        System.out.flush();
        Thread.sleep(120_000); // idle, for the RSS figure, until the bench stops it
    }
}
