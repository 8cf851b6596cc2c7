package io.switchboard.cache;

import java.time.Duration;
import java.util.Map;

/**
 * Where the semantic cache's vectors outlive the process, so a restart or another instance finds the
 * prompts this one embedded: Redis ({@link RedisVectors}) or the gateway's database ({@link DatabaseVectors}).
 * Implementations never throw: a store that cannot answer is a miss, a write it cannot make is dropped.
 */
interface VectorStore {

    void save(SemanticEntry entry, Duration ttl);

    /** The scope's live vectors by answer key; empty when there are none or the store cannot be reached. */
    Map<String, float[]> load(String scope);

    /**
     * The answer stored with a vector, for stores that keep answers beside the vectors (the database);
     * null when this store leaves answers to the {@link ResponseStore}.
     */
    byte[] answer(String answerKey);
}
