package io.switchboard.cache;

import io.switchboard.embedding.EmbeddingVectors;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The semantic cache's vectors in Redis, one hash per scope (answer key to base64 float32 vector),
 * so that a restarted instance or another one finds the prompts this one embedded. The in-process
 * {@link SemanticIndex} is loaded from here when it has no match of its own. Failures are misses.
 */
final class RedisVectors implements VectorStore {
    /** A scope's hash is read whole; this many vectors at most are kept per scope. */
    static final int MAX_PER_SCOPE = 2_000;

    private final RedisLink link;
    private final RedisBreaker breaker;
    private final String prefix;

    RedisVectors(RedisLink link, RedisBreaker breaker, String namespace) {
        this.link = link;
        this.breaker = breaker;
        this.prefix = namespace + ":vectors:";
    }

    @Override
    public void save(SemanticEntry entry, Duration ttl) {
        String scope = entry.scope();
        String answerKey = entry.answerKey();
        float[] vector = entry.vector();
        try {
            breaker.call(() -> {
                var commands = link.commands();
                byte[] hash = RedisResponseStore.bytes(prefix + scope);
                if (commands.hlen(hash) < MAX_PER_SCOPE) {
                    commands.hset(hash, RedisResponseStore.bytes(answerKey),
                            RedisResponseStore.bytes(EmbeddingVectors.toBase64(vector)));
                    // The hash lives as long as its newest answer; older fields may outlive theirs, and
                    // then lead to a missing answer, which is a miss.
                    commands.pexpire(hash, ttl.toMillis());
                }
                return null;
            });
        } catch (RuntimeException e) {
            breaker.failed(e);
        }
    }

    /** The scope's vectors by answer key; empty when there are none or Redis cannot be reached. */
    @Override
    public Map<String, float[]> load(String scope) {
        try {
            Map<byte[], byte[]> raw = breaker.call(() -> link.commands().hgetall(RedisResponseStore.bytes(prefix + scope)));
            Map<String, float[]> out = new LinkedHashMap<>();
            raw.forEach((k, v) -> out.put(new String(k, StandardCharsets.UTF_8),
                    EmbeddingVectors.fromBase64(new String(v, StandardCharsets.US_ASCII))));
            return out;
        } catch (RuntimeException e) {
            breaker.failed(e);
            return Map.of();
        }
    }

    /** The answers are in the Redis response store, under their own keys. */
    @Override
    public byte[] answer(String answerKey) {
        return null;
    }
}
