package io.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cache suite on the real Redis at 127.0.0.1:6379 ({@code type: redis}), under a namespace of its
 * own per run, plus what only a shared store can show: the answer is in Redis, readable by any
 * instance, and expires there.
 */
class CacheRedisIT extends CacheSuite {
    static final String NAMESPACE = "switchboard-cache-it-" + UUID.randomUUID();
    private static CacheGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = CacheGateway.start("cache-redis",
                "{type: redis, host: 127.0.0.1, port: 6379, ttl: 600, namespace: " + NAMESPACE + "}");
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
    void theAnswerIsInRedisUnderTheNamespaceWithItsTtl() throws Exception {
        ObjectNode body = body(question());
        body.putObject("cache").put("ttl", 120);
        post(body);
        body.remove("cache");
        HttpResponse<String> hit = post(body);
        String key = hit.headers().firstValue("x-litellm-cache-key").orElseThrow();
        String redisKey = NAMESPACE + ":response:" + key;
        long ttl = RedisKeys.pttl(redisKey);
        assertTrue(ttl > 100_000 && ttl <= 120_000, "ttl " + ttl);
        assertEquals(content(hit), JSON.readTree(RedisKeys.get(redisKey)).at("/response/choices/0/message/content").asText());
    }
}
