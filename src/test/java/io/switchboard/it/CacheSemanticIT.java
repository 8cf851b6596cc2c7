package io.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The semantic cache ({@code type: redis-semantic}): prompts are embedded through the gateway's own
 * embedding route by "bag-of-words-embedding", a fake model whose vectors are close for prompts that
 * share most of their content words (see {@code EmbeddingBodies.bagOfWords}); a real embedding model
 * puts paraphrases close in the same way. Vectors are kept in Redis, so a second instance finds them.
 */
class CacheSemanticIT extends CacheClient {
    static final String NAMESPACE = "switchboard-semantic-it-" + UUID.randomUUID();
    static final String PARAMS = "{type: redis-semantic, host: 127.0.0.1, port: 6379, ttl: 600, namespace: " + NAMESPACE
            + ", similarity_threshold: 0.8, redis_semantic_cache_embedding_model: bag-of-words-embedding}";
    private static CacheGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = CacheGateway.start("cache-semantic", PARAMS);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        RedisKeys.deleteAll(NAMESPACE);
    }

    @Override
    CacheGateway gateway() {
        return gateway;
    }

    @Test
    void aParaphraseIsAnsweredFromTheCacheAndADifferentQuestionIsNot() throws Exception {
        int chat = upstreamCalls();
        int embeddings = gateway.embed.requestCount();
        HttpResponse<String> original = post(body("What is the capital city of France?"));
        HttpResponse<String> paraphrase = post(body("Which city is the capital of France?"));
        assertEquals(chat + 1, upstreamCalls(), "the paraphrase did not reach the provider");
        assertTrue(fromCache(paraphrase));
        double similarity = Double.parseDouble(paraphrase.headers().firstValue("x-litellm-semantic-similarity")
                .orElseThrow());
        assertTrue(similarity >= 0.8 && similarity < 1.0, "similarity " + similarity);
        assertEquals(content(original), content(paraphrase));
        assertTrue(gateway.embed.requestCount() >= embeddings + 2, "prompts were embedded through the gateway");
        assertTrue(gateway.embed.lastRequest().body().path("model").asText().contains("bag-of-words"));

        HttpResponse<String> different = post(body("How many moons does Jupiter have?"));
        assertFalse(fromCache(different));
        assertEquals(chat + 2, upstreamCalls());
    }

    @Test
    void aParaphraseWithOtherParametersIsNotAMatch() throws Exception {
        post(body("Name the largest ocean on planet Earth.").put("temperature", 0.2));
        int chat = upstreamCalls();
        assertFalse(fromCache(post(body("Name the largest ocean on Earth.").put("temperature", 0.9))));
        assertTrue(fromCache(post(body("Name the largest ocean on Earth.").put("temperature", 0.2))));
        assertEquals(chat + 1, upstreamCalls());
    }

    /** A second instance (or this one after a restart) loads the vectors from Redis and serves the paraphrase. */
    @Test
    void aSecondInstanceFindsTheVectorsInRedis() throws Exception {
        post(body("Who painted the ceiling of the Sistine Chapel?"));
        try (CacheGateway second = CacheGateway.start("cache-semantic-2", PARAMS)) {
            ObjectNode paraphrase = body("Who painted the Sistine Chapel ceiling?");
            HttpResponse<String> r = SecondInstance.post(second, paraphrase);
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(fromCache(r), "served from the first instance's answer");
            assertEquals(0, second.chat.requestCount(), "the second instance never called its provider");
        }
    }
}
