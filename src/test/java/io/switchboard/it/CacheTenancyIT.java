package io.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whose answers a virtual key sees, end to end through the admin API: teams are tenants (two teams'
 * keys never share an answer, even with the same key alias; keys of one team do), unless the operator
 * turned {@code share_across_tenants} on. Also a key's {@code allowed_cache_controls}.
 */
class CacheTenancyIT extends CacheClient {
    private static CacheGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = CacheGateway.start("cache-tenancy", "{type: local, ttl: 600}");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Override
    CacheGateway gateway() {
        return gateway;
    }

    @Test
    void teamsAreTenantsAndKeysOfOneTeamShareAnswers() throws Exception {
        String teamA = team(gateway, "tenancy-a");
        String teamB = team(gateway, "tenancy-b");
        String keyA1 = key(gateway, "{\"team_id\":\"" + teamA + "\",\"key_alias\":\"same-alias-" + teamA + teamB + "\"}");
        String keyB = key(gateway, "{\"team_id\":\"" + teamB + "\",\"key_alias\":\"same-alias-" + teamA + teamB + "\"}");
        String keyA2 = key(gateway, "{\"team_id\":\"" + teamA + "\"}");
        ObjectNode body = body(question());
        int before = upstreamCalls();

        HttpResponse<String> first = post(gateway, keyA1, body);
        assertEquals(200, first.statusCode(), first.body());
        HttpResponse<String> otherTeam = post(gateway, keyB, body);
        assertEquals(200, otherTeam.statusCode(), otherTeam.body());
        assertFalse(fromCache(otherTeam), "another team's key with the same alias must not see team A's answer");
        assertEquals(before + 2, upstreamCalls(), "the provider was asked for each team");

        HttpResponse<String> sameTeam = post(gateway, keyA2, body);
        assertTrue(fromCache(sameTeam), "a second key of the same team shares its answers");
        assertEquals(content(first), content(sameTeam));
        assertFalse(fromCache(post(gateway, TestGateway.MASTER_KEY, body)), "the master key is a tenant of its own");
        assertEquals(before + 3, upstreamCalls());
    }

    @Test
    void shareAcrossTenantsLetsTeamsShareAnswers() throws Exception {
        try (CacheGateway shared = CacheGateway.start("cache-tenancy-shared",
                "{type: local, ttl: 600, share_across_tenants: true}")) {
            String keyA = key(shared, "{\"team_id\":\"" + team(shared, "shared-a") + "\"}");
            String keyB = key(shared, "{\"team_id\":\"" + team(shared, "shared-b") + "\"}");
            ObjectNode body = body(question());
            assertFalse(fromCache(post(shared, keyA, body)));
            HttpResponse<String> otherTeam = post(shared, keyB, body);
            assertEquals(200, otherTeam.statusCode(), otherTeam.body());
            assertTrue(fromCache(otherTeam), "sharing was configured");
            assertEquals(1, shared.chat.requestCount());
        }
    }

    @Test
    void aKeyMayUseOnlyItsAllowedCacheControls() throws Exception {
        String limited = key(gateway, "{\"allowed_cache_controls\":[\"no-cache\"]}");
        String open = key(gateway, "{}");
        ObjectNode noCache = body(question());
        noCache.putObject("cache").put("no-cache", true);
        assertEquals(200, post(gateway, limited, noCache).statusCode());

        ObjectNode ttl = body(question());
        ttl.putObject("cache").put("ttl", 5);
        int before = upstreamCalls();
        HttpResponse<String> refused = post(gateway, limited, ttl);
        assertEquals(403, refused.statusCode(), refused.body());
        JsonNode error = JSON.readTree(refused.body()).path("error");
        assertEquals("permission_error", error.path("type").asText(), refused.body());
        assertEquals("cache", error.path("param").asText());
        assertTrue(error.path("message").asText().contains("'ttl'"), refused.body());
        assertTrue(error.has("code"), refused.body());
        assertEquals(before, upstreamCalls(), "a refused request reaches no provider");
        assertEquals(200, post(gateway, open, ttl).statusCode(), "an empty list allows every control");
        assertEquals(200, post(gateway, TestGateway.MASTER_KEY, ttl).statusCode());

        HttpResponse<String> bad = admin(gateway, "/key/generate", "{\"allowed_cache_controls\":[\"forever\"]}");
        assertEquals(400, bad.statusCode(), bad.body());
        assertEquals("allowed_cache_controls", JSON.readTree(bad.body()).at("/error/param").asText());
    }

    /** LiteLLM answers a key's unset {@code allowed_cache_controls} (and {@code allowed_routes}) as {@code []}. */
    @Test
    void unsetAllowedCacheControlsAreAnsweredAsAnEmptyList() throws Exception {
        HttpResponse<String> generated = admin(gateway, "/key/generate", "{}");
        assertEquals(200, generated.statusCode(), generated.body());
        JsonNode created = JSON.readTree(generated.body());
        assertEmptyLists(created, generated.body());
        String key = created.path("key").asText();
        HttpResponse<String> info = get(gateway, "/key/info?key=" + key);
        assertEquals(200, info.statusCode(), info.body());
        assertEmptyLists(JSON.readTree(info.body()).path("info"), info.body());
        HttpResponse<String> list = get(gateway, "/key/list");
        assertEquals(200, list.statusCode(), list.body());
        JsonNode listed = null;
        for (JsonNode k : JSON.readTree(list.body()).path("keys")) {
            listed = k.path("key_id").equals(created.path("key_id")) ? k : listed;
        }
        assertTrue(listed != null, list.body());
        assertEmptyLists(listed, list.body());
        HttpResponse<String> limited = admin(gateway, "/key/generate", "{\"allowed_cache_controls\":[\"no-store\"]}");
        assertEquals("[\"no-store\"]", JSON.readTree(limited.body()).path("allowed_cache_controls").toString());
    }

    private static void assertEmptyLists(JsonNode key, String body) {
        assertTrue(key.path("allowed_cache_controls").isArray() && key.path("allowed_cache_controls").isEmpty(), body);
        assertTrue(key.path("allowed_routes").isArray() && key.path("allowed_routes").isEmpty(), body);
    }

    static HttpResponse<String> get(CacheGateway gateway, String path) throws Exception {
        return HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway.baseUrl() + path))
                .header("Authorization", "Bearer " + TestGateway.MASTER_KEY).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String team(CacheGateway gateway, String alias) throws Exception {
        HttpResponse<String> r = admin(gateway, "/team/new", "{\"team_alias\":\"" + alias + "\"}");
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).path("team_id").asText();
    }

    static String key(CacheGateway gateway, String body) throws Exception {
        HttpResponse<String> r = admin(gateway, "/key/generate", body);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).path("key").asText();
    }

    static HttpResponse<String> admin(CacheGateway gateway, String path, String body) throws Exception {
        return CacheCallTypes.post(gateway, path, TestGateway.MASTER_KEY, CacheClient.JSON.readTree(body));
    }

    static HttpResponse<String> post(CacheGateway gateway, String key, JsonNode body) throws Exception {
        return CacheCallTypes.post(gateway, "/v1/chat/completions", key, body);
    }
}
