package org.wasmbpf.host.spi;

/**
 * What {@link GuestInstance#deliverSamples} did: how many callbacks ran (the one that stopped
 * included), and the first non-zero callback result, or 0 when every callback returned 0.
 */
public record SampleDelivery(int delivered, int result) {}
