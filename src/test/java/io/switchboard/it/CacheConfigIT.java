package io.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A cache configuration the gateway cannot honour stops the start instead of caching differently. */
class CacheConfigIT {

    @Test
    void anUnsupportedCacheTypeStopsTheStartNamingTheKey() throws Exception {
        String config = """
                model_list:
                  - model_name: gpt-4o-mini
                    litellm_params:
                      model: openai/gpt-4o-mini
                      api_key: sk-unused
                litellm_settings:
                  cache: true
                  cache_params: {type: qdrant-semantic, qdrant_api_base: "http://qdrant:6333"}
                """;
        try (GatewayServer server = GatewayServer.startExpectingNoApplication("cache-bad-type", config,
                Map.of("LITELLM_MASTER_KEY", "sk-x"))) {
            // Liberty reports itself ready before a slow application has finished (or failed) starting.
            java.time.Instant deadline = java.time.Instant.now().plusSeconds(120);
            String log = server.logText();
            while (!log.contains("CWWKZ0012I") && !log.contains("CWWKZ0002E") && !log.contains("CWWKZ0001I")
                    && java.time.Instant.now().isBefore(deadline)) {
                Thread.sleep(250);
                log = server.logText();
            }
            assertTrue(log.contains("litellm_settings.cache_params.type: qdrant-semantic is not supported"), server.tail());
            HttpResponse<String> r = CacheClient.HTTP.send(HttpRequest.newBuilder(
                    URI.create(server.baseUrl() + "/v1/models")).header("Authorization", "Bearer sk-x").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, r.statusCode(), "nothing is served");
        }
    }
}
