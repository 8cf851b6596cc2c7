package io.switchboard.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;

/**
 * The in-process store ({@code type: local}): Caffeine, bounded by bytes and by entries at once, each
 * entry expiring after its own ttl. Caffeine takes one bound only, so every entry weighs at least
 * {@code maxBytes / maxEntries}: the byte budget then also caps the count at {@code maxEntries}.
 */
public final class LocalResponseStore implements ResponseStore {
    /** What an entry costs besides its value: the key's characters and the map's own objects, roughly. */
    private static final int OVERHEAD_BYTES = 200;

    private final Cache<String, Stored> cache;
    private final long maxEntryBytes;

    public LocalResponseStore(long maxEntries, long maxBytes, Ticker ticker) {
        long floor = Math.max(1, maxBytes / maxEntries);
        this.maxEntryBytes = maxBytes / 4;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, Stored s) -> (int) Math.min(Integer.MAX_VALUE,
                        Math.max(floor, (long) s.value.length + key.length() * 2L + OVERHEAD_BYTES)))
                .expireAfter(Expiry.creating((String key, Stored s) -> s.ttl))
                .executor(Runnable::run)
                .ticker(ticker)
                .build();
    }

    @Override
    public byte[] get(String key) {
        Stored s = cache.getIfPresent(key);
        return s == null ? null : s.value;
    }

    /** An answer larger than a quarter of the whole budget is not kept: it would evict everything else. */
    @Override
    public void put(String key, byte[] value, Duration ttl) {
        if (value.length <= maxEntryBytes && !ttl.isZero() && !ttl.isNegative()) {
            cache.put(key, new Stored(value, ttl));
        }
    }

    /** How many answers are held now (after pending evictions). */
    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** The total weight held now, in bytes. */
    long weight() {
        cache.cleanUp();
        return cache.policy().eviction().orElseThrow().weightedSize().orElse(0);
    }

    private record Stored(byte[] value, Duration ttl) {
    }
}
