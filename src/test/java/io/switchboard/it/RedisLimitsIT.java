package io.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.fake.FakeOpenAi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A key's rate limits counted in the real Redis (127.0.0.1:6379, through a relay the test can cut), as a
 * deployment of several instances counts them: the windows are where Redis's scripts put them, a call's
 * tokens are corrected to its usage, and a Redis that goes away leaves every limit enforced in process.
 */
class RedisLimitsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PROVIDER_KEY = "sk-CANARY-PROV-redis-limits-5b2e";
    private static final String PREFIX = "switchboard-it:" + UUID.randomUUID() + ":";
    private static FakeOpenAi openai;
    private static TcpRelay redis;
    private static GatewayServer gateway;

    @BeforeAll
    static void start() throws Exception {
        openai = FakeOpenAi.start(0, PROVIDER_KEY);
        redis = new TcpRelay(6379);
        gateway = GatewayServer.start("redis-limits", """
                model_list:
                  - model_name: gpt-4o-mini
                    litellm_params:
                      model: openai/gpt-4o-mini
                      api_base: %s
                      api_key: %s
                general_settings:
                  master_key: os.environ/LITELLM_MASTER_KEY
                """.formatted(openai.baseUrl(), PROVIDER_KEY), Map.of("LITELLM_MASTER_KEY", TestGateway.MASTER_KEY,
                "REDIS_HOST", "127.0.0.1", "REDIS_PORT", Integer.toString(redis.port()),
                "SWITCHBOARD_RATELIMIT_REDIS_PREFIX", PREFIX));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        redis.close();
        openai.close();
        RedisKeys.deleteAll(PREFIX);
    }

    @Test
    void aKeysWindowsLiveInRedisAndItsTokensAreCorrectedToTheUsage() throws Exception {
        String key = generate("{\"key_alias\":\"redis-two-rpm\",\"rpm_limit\":2,\"tpm_limit\":100000}");
        HttpResponse<String> first = chat(key);
        HttpResponse<String> second = chat(key);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals(200, second.statusCode(), second.body());
        HttpResponse<String> third = chat(key);
        assertEquals(429, third.statusCode(), third.body());
        assertEquals("0", third.headers().firstValue("x-ratelimit-remaining-requests").orElseThrow());
        long retryAfter = Long.parseLong(third.headers().firstValue("retry-after").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "retry-after " + retryAfter);

        List<String> requests = RedisKeys.keys(PREFIX + "window:rpm:key:*#2");
        assertEquals(1, requests.size(), requests.toString());
        assertEquals("2", RedisKeys.hget(requests.get(0), "used"), "the refused third call took nothing");
        long ttl = RedisKeys.pttl(requests.get(0));
        assertTrue(ttl > 0 && ttl <= 60_000, "the window ends with its minute: " + ttl);

        long used = JSON.readTree(first.body()).at("/usage/total_tokens").asLong()
                + JSON.readTree(second.body()).at("/usage/total_tokens").asLong();
        String tokens = RedisKeys.keys(PREFIX + "window:tpm:key:*#100000").get(0);
        String counted = null;
        // the correction rides on the next take, or the flusher sends it within a tenth of a second
        for (int i = 0; i < 50 && !Long.toString(used).equals(counted); i++) {
            Thread.sleep(100);
            counted = RedisKeys.hget(tokens, "used");
        }
        assertEquals(Long.toString(used), counted, "reserved prompt + max_tokens, corrected to the usage");
    }

    @Test
    void withRedisGoneTheLimitsHoldInProcess() throws Exception {
        String key = generate("{\"key_alias\":\"redis-gone\",\"rpm_limit\":3}");
        redis.cut();
        try {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> served = chat(key);
                assertEquals(200, served.statusCode(), served.body());
            }
            HttpResponse<String> fourth = chat(key);
            assertEquals(429, fourth.statusCode(), fourth.body());
            assertEquals("rate_limit_error", JSON.readTree(fourth.body()).at("/error/type").asText());
        } finally {
            redis.restore();
        }
        assertEquals(List.of(), RedisKeys.keys(PREFIX + "window:rpm:key:*#3"), "counted in process while Redis was away");
    }

    private static HttpResponse<String> chat(String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o-mini\",\"max_tokens\":100,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String generate(String body) throws Exception {
        HttpResponse<String> made = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/key/generate"))
                .header("Authorization", "Bearer " + TestGateway.MASTER_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, made.statusCode(), made.body());
        JsonNode json = JSON.readTree(made.body());
        return json.path("key").asText();
    }
}
