package org.wasmbpf.host.runner;

/** A map the runner prints every interval: what it gathered since the last one, then cleared. */
interface MapReport {
    String mapName();

    void print();
}
