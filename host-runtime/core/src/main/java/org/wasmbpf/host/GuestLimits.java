package org.wasmbpf.host;

import java.time.Duration;

/**
 * What one guest may take from the host. The defaults suit the tracers this host exists for
 * (bootstrap and runqlat use 2 pages of memory and one object) with ample room.
 *
 * @param maxMemoryPages the most 64 KiB pages the guest's memory may grow to; a module whose
 *     memory starts larger is rejected. Both engines hold guest memory in the host process
 *     (Chicory on the JVM heap), so this bounds what a guest can take from it.
 * @param maxObjects the most BPF objects the guest may have loaded at once; a further
 *     {@code wasm_load_bpf_object} returns 0 and says so on stderr
 * @param pollTimeoutCeiling the longest one {@code wasm_bpf_buffer_poll} waits; a guest asking for
 *     longer, or for no timeout (negative), waits this long at most and gets 0 when nothing came
 */
public record GuestLimits(int maxMemoryPages, int maxObjects, Duration pollTimeoutCeiling) {
    /** The wasm32 address space: 4 GiB. */
    public static final int WASM32_MAX_PAGES = 65536;
    public static final int DEFAULT_MAX_MEMORY_PAGES = 4096; // 256 MiB
    public static final int DEFAULT_MAX_OBJECTS = 64;
    public static final Duration DEFAULT_POLL_TIMEOUT_CEILING = Duration.ofSeconds(10);
    public static final GuestLimits DEFAULTS =
            new GuestLimits(DEFAULT_MAX_MEMORY_PAGES, DEFAULT_MAX_OBJECTS, DEFAULT_POLL_TIMEOUT_CEILING);

    public GuestLimits {
        if (maxMemoryPages < 1 || maxMemoryPages > WASM32_MAX_PAGES) {
            throw new IllegalArgumentException("max memory pages must be 1.." + WASM32_MAX_PAGES + ": " + maxMemoryPages);
        }
        if (maxObjects < 1) {
            throw new IllegalArgumentException("max objects must be at least 1: " + maxObjects);
        }
        if (pollTimeoutCeiling.isNegative() || pollTimeoutCeiling.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("poll timeout ceiling must be 0.." + Integer.MAX_VALUE + " ms: "
                    + pollTimeoutCeiling);
        }
    }

    public GuestLimits withMaxMemoryPages(int pages) {
        return new GuestLimits(pages, maxObjects, pollTimeoutCeiling);
    }

    public GuestLimits withMaxObjects(int objects) {
        return new GuestLimits(maxMemoryPages, objects, pollTimeoutCeiling);
    }

    public GuestLimits withPollTimeoutCeiling(Duration ceiling) {
        return new GuestLimits(maxMemoryPages, maxObjects, ceiling);
    }
}
