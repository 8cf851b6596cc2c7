package io.switchboard.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.config.ConfigException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CacheSettingsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static CacheSettings read(String json, Map<String, String> env) throws Exception {
        JsonNode settings = JSON.readTree(json);
        return CacheSettings.from(settings, name -> Optional.ofNullable(env.get(name)));
    }

    @Test
    void offUnlessCacheIsTrue() throws Exception {
        assertFalse(read("{}", Map.of()).enabled());
        assertFalse(read("{\"cache\":false,\"cache_params\":{\"type\":\"redis\"}}", Map.of()).enabled());
        CacheSettings local = read("{\"cache\":true}", Map.of());
        assertTrue(local.enabled());
        assertEquals("local", local.type());
        assertEquals(Duration.ofHours(1), local.ttl());
        assertNull(local.redisUri());
        assertTrue(local.chatCached());
    }

    @Test
    void readsLiteLlmsRedisParamsAndFallsBackToTheEnvironment() throws Exception {
        CacheSettings redis = read("{\"cache\":true,\"cache_params\":{\"type\":\"redis\",\"host\":\"cache.internal\","
                + "\"port\":6380,\"password\":\"p@ss\",\"ttl\":60,\"namespace\":\"prod\"}}", Map.of());
        assertEquals("redis://:p%40ss@cache.internal:6380/0", redis.redisUri().toString());
        assertEquals(Duration.ofSeconds(60), redis.ttl());
        assertEquals("prod", redis.namespace());
        assertFalse(redis.toString().contains("p@ss"), "no password in logs: " + redis);
        CacheSettings fromEnv = read("{\"cache\":true,\"cache_params\":{\"type\":\"redis\"}}",
                Map.of("REDIS_HOST", "10.0.0.5", "REDIS_PORT", "6390"));
        assertEquals("redis://10.0.0.5:6390/0", fromEnv.redisUri().toString());
        assertEquals("redis://r:6379/2", read("{\"cache\":true,\"cache_params\":{\"type\":\"redis\"}}",
                Map.of("REDIS_URL", "redis://r:6379/2")).redisUri().toString());
    }

    @Test
    void supportedCallTypesDecideWhetherChatIsCached() throws Exception {
        assertFalse(read("{\"cache\":true,\"cache_params\":{\"supported_call_types\":[\"aembedding\"]}}", Map.of())
                .chatCached());
        assertTrue(read("{\"cache\":true,\"cache_params\":{\"supported_call_types\":[\"acompletion\"]}}", Map.of())
                .chatCached());
    }

    @Test
    void supportedCallTypesDecideWhetherEmbeddingsAndTextCompletionsAreCached() throws Exception {
        CacheSettings embeddingsOnly = read("{\"cache\":true,\"cache_params\":{\"supported_call_types\":"
                + "[\"aembedding\",\"atranscription\"]}}", Map.of());
        assertTrue(embeddingsOnly.embeddingCached());
        assertFalse(embeddingsOnly.textCompletionCached());
        CacheSettings textOnly = read("{\"cache\":true,\"cache_params\":{\"supported_call_types\":"
                + "[\"text_completion\"]}}", Map.of());
        assertTrue(textOnly.textCompletionCached());
        assertFalse(textOnly.embeddingCached());
        CacheSettings all = read("{\"cache\":true}", Map.of());
        assertTrue(all.chatCached() && all.embeddingCached() && all.textCompletionCached(), "LiteLLM's default: all");
    }

    @Test
    void refusesWhatItCannotDoRatherThanCachingDifferently() {
        assertThrows(ConfigException.class, () -> read("{\"cache\":true,\"cache_params\":{\"type\":\"qdrant-semantic\"}}",
                Map.of()));
        assertThrows(ConfigException.class, () -> read("{\"cache\":true,\"cache_params\":{\"type\":\"redis-semantic\"}}",
                Map.of()));
        assertThrows(ConfigException.class, () -> read("{\"cache\":true,\"cache_params\":{\"similarity_threshold\":1.5}}",
                Map.of()));
        assertThrows(ConfigException.class, () -> read("{\"cache\":true,\"cache_params\":{\"ttl\":-5}}", Map.of()));
        assertThrows(ConfigException.class, () -> read("{\"cache\":true,\"cache_params\":{\"max_entries\":0.5}}",
                Map.of()));
    }
}
