package io.switchboard.ratelimit;

/**
 * The answer of a counter asked for some of its capacity.
 *
 * @param admitted        whether the capacity was taken
 * @param remaining       what is left after this request (never negative)
 * @param nanosUntilRoom  when refused, how long until there is room again
 */
public record Probe(boolean admitted, long remaining, long nanosUntilRoom) {
}
