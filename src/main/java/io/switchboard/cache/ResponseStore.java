package io.switchboard.cache;

import java.time.Duration;

/**
 * Where cached answers live. Implementations never throw and never block a request for long: a store
 * that cannot answer reports a miss, and a write it cannot make is dropped.
 */
public interface ResponseStore {

    /** The bytes stored under {@code key}; null on a miss, also when the store cannot be reached. */
    byte[] get(String key);

    /** Stores {@code value} under {@code key} for {@code ttl}; best effort. */
    void put(String key, byte[] value, Duration ttl);
}
