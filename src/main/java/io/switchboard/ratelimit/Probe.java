package io.switchboard.ratelimit;

/**
 * The answer of a counter asked for some of its capacity.
 *
 * @param admitted        whether the capacity was taken
 * @param remaining       what is left after this request (never negative)
 * @param nanosUntilRoom  when refused, how long until there is room again
 * @param window          which window answered (when it started, in Redis; 0 in process), so a correction
 *                        at the end of the call reaches that window and no later one
 */
public record Probe(boolean admitted, long remaining, long nanosUntilRoom, long window) {
}
