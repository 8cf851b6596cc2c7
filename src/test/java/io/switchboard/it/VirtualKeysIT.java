package io.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.switchboard.access.KeyHashing;
import io.switchboard.fake.FakeOpenAi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Virtual keys end to end through the packaged gateway, on embedded Derby (the default) and on a
 * fresh PostgreSQL database (127.0.0.1:5432, created and dropped by the test): generate, use with
 * the openai-java SDK, model refusal, block, unblock, regenerate, delete; then, on PostgreSQL, the
 * authorization matrix and escalation attempts. Canary secrets must appear in no response, log or
 * audit row.
 */
class VirtualKeysIT {
    static final String MASTER = "sk-master-CANARY-gov-7c1d";
    static final String PROVIDER_KEY = "sk-CANARY-PROV-gov-4e9a";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    final List<String> responses = new ArrayList<>();

    @Test
    void derby() throws Exception {
        FakeOpenAi openai = FakeOpenAi.start(0, PROVIDER_KEY);
        try (GatewayServer server = GatewayServer.start("governance-derby", config(openai), env(Map.of()))) {
            Lifecycle result = lifecycle(server);
            assertNoCanaries(server, result, List.of());
        }
    }

    @Test
    void postgresql() throws Exception {
        String db = "switchboard_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "")) {
            admin.createStatement().execute("CREATE DATABASE " + db);
        }
        FakeOpenAi openai = FakeOpenAi.start(0, PROVIDER_KEY);
        try (GatewayServer server = GatewayServer.start("governance-pg", config(openai),
                env(Map.of("DATABASE_URL", "postgresql://postgres:CANARY-dbpass-31@127.0.0.1:5432/" + db)))) {
            Lifecycle result = lifecycle(server);
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + db, "postgres", "")) {
                List<String> audit = auditRows(c);
                System.out.println("[governance-it] audit rows after the lifecycle: " + audit.size());
                assertEquals(List.of("created", "blocked", "unblocked", "regenerated", "deleted", "created"),
                        audit.stream().map(row -> row.split("\\|")[2]).toList());
                new AuthzMatrix(this, server, c).run();
                assertNoCanaries(server, result, auditRows(c));
            }
            assertFalse((server.logText() + server.messagesLog()).contains("CANARY-dbpass-31"),
                    "the database password reached a log");
        } finally {
            try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "")) {
                admin.createStatement().execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            }
        }
    }

    record Lifecycle(String key, String hash, String regenerated, String regeneratedHash) {
    }

    Lifecycle lifecycle(GatewayServer server) throws Exception {
        JsonNode made = call(server, MASTER, "/key/generate",
                "{\"key_alias\":\"svc-a\",\"models\":[\"gpt-4o-mini\"],\"max_budget\":1.5,\"duration\":\"1d\"}", 200);
        String key = made.get("key").asText();
        String keyId = made.get("key_id").asText();
        assertTrue(key.startsWith("sk-") && key.length() == 46, key.length() + " characters");
        assertEquals("sk-..." + key.substring(key.length() - 4), made.get("key_name").asText());
        assertFalse(made.has("token"), "the hash is never part of an answer");
        assertEquals(0, made.get("max_budget").decimalValue().compareTo(new java.math.BigDecimal("1.5")));

        OpenAIClient client = SdkClients.openai(server.baseUrl(), key);
        ChatCompletion done = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini").addUserMessage("hello").build());
        assertFalse(done.choices().isEmpty());
        PermissionDeniedException refused = assertThrows(PermissionDeniedException.class, () -> client.chat()
                .completions().create(ChatCompletionCreateParams.builder().model("openai/gpt-4o").addUserMessage("hi").build()));
        assertEquals(403, refused.statusCode());

        JsonNode info = call(server, MASTER, "/key/info?key=" + keyId, null, 200);
        assertEquals("svc-a", info.get("info").get("key_alias").asText());
        JsonNode self = call(server, key, "/key/info", null, 200);
        assertEquals(keyId, self.get("key").asText());
        assertEquals(1, call(server, key, "/key/list", null, 200).get("keys").size());
        call(server, key, "/key/generate", "{}", 403);

        call(server, MASTER, "/key/block", "{\"key\":\"" + keyId + "\"}", 200);
        UnauthorizedException blocked = assertThrows(UnauthorizedException.class, () -> client.chat().completions()
                .create(ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage("hi").build()));
        assertEquals(401, blocked.statusCode());
        call(server, MASTER, "/key/unblock", "{\"key\":\"" + keyId + "\"}", 200);
        assertFalse(client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini").addUserMessage("again").build()).choices().isEmpty());

        String fresh = call(server, MASTER, "/key/regenerate", "{\"key\":\"" + keyId + "\"}", 200).get("key").asText();
        assertThrows(UnauthorizedException.class, () -> client.chat().completions()
                .create(ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage("old").build()));
        OpenAIClient freshClient = SdkClients.openai(server.baseUrl(), fresh);
        assertFalse(freshClient.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini").addUserMessage("new").build()).choices().isEmpty());

        call(server, MASTER, "/key/delete", "{\"keys\":[\"" + keyId + "\"]}", 200);
        assertThrows(UnauthorizedException.class, () -> freshClient.chat().completions()
                .create(ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage("gone").build()));
        call(server, MASTER, "/key/info?key=" + keyId, null, 404);
        allowedRoutesNarrowAKeyAndGrantNothing(server);
        KeyHashing hashing = KeyHashing.from(null, MASTER);
        return new Lifecycle(key, hashing.hash(key), fresh, hashing.hash(fresh));
    }

    /** LiteLLM's allowed_routes: exact routes (either spelling of /v1), groups by name; listing an admin route grants nothing. */
    void allowedRoutesNarrowAKeyAndGrantNothing(GatewayServer server) throws Exception {
        String narrow = call(server, MASTER, "/key/generate", "{\"models\":[\"gpt-4o-mini\"],"
                + "\"allowed_routes\":[\"/chat/completions\",\"info_routes\",\"/key/generate\"]}", 200).get("key").asText();
        OpenAIClient client = SdkClients.openai(server.baseUrl(), narrow);
        assertFalse(client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini").addUserMessage("allowed").build()).choices().isEmpty());
        PermissionDeniedException refused = assertThrows(PermissionDeniedException.class, () -> client.embeddings()
                .create(com.openai.models.embeddings.EmbeddingCreateParams.builder().model("gpt-4o-mini").input("x").build()));
        assertEquals("route_not_allowed", refused.code().orElseThrow());
        call(server, narrow, "/key/info", null, 200);
        call(server, narrow, "/v1/models", null, 200); // /models is one of LiteLLM's info_routes
        call(server, narrow, "/completions", "{\"model\":\"gpt-4o-mini\",\"prompt\":\"x\"}", 403);
        // Listed, but a key without a proxy_admin owner still may not make keys: the list only narrows.
        JsonNode escalation = call(server, narrow, "/key/generate", "{}", 403);
        assertEquals("permission_error", escalation.get("error").get("type").asText());
    }

    void assertNoCanaries(GatewayServer server, Lifecycle l, List<String> auditRows) throws Exception {
        String logs = server.logText() + server.messagesLog();
        String answers = String.join("\n", responses);
        for (String secret : List.of(MASTER, PROVIDER_KEY, l.key(), l.hash(), l.regenerated(), l.regeneratedHash())) {
            assertFalse(logs.contains(secret), "a secret reached the logs");
            assertFalse(String.join("\n", auditRows).contains(secret), "a secret reached the audit log");
        }
        for (String secret : List.of(MASTER, PROVIDER_KEY, l.hash(), l.regeneratedHash())) {
            assertFalse(answers.contains(secret), "a secret or key hash reached a response");
        }
        System.out.println("[governance-it] canaries checked: " + responses.size() + " admin responses, "
                + logs.length() + " log characters, " + auditRows.size() + " audit rows");
    }

    static List<String> auditRows(Connection c) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT changed_by, changed_by_api_key, action, object_id, before_value, updated_values FROM sb_audit_log"
                        + " ORDER BY updated_at")) {
            while (r.next()) {
                rows.add(r.getString(1) + "|" + r.getString(2) + "|" + r.getString(3) + "|" + r.getString(4) + "|"
                        + r.getString(5) + "|" + r.getString(6));
            }
        }
        return rows;
    }

    /** One admin call; asserts the status and returns the body. */
    JsonNode call(GatewayServer server, String key, String path, String body, int expected) throws Exception {
        HttpResponse<String> response = send(server, key, path, body);
        assertEquals(expected, response.statusCode(), path + " answered " + response.body());
        return JSON.readTree(response.body());
    }

    HttpResponse<String> send(GatewayServer server, String key, String path, String body) throws Exception {
        return send(server, key, body == null ? "GET" : "POST", path, body);
    }

    /** Any method, for LiteLLM's PATCH and DELETE-with-a-body admin routes. */
    HttpResponse<String> send(GatewayServer server, String key, String method, String path, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        request = body == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        responses.add(response.body());
        return response;
    }

    static Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new java.util.HashMap<>(extra);
        env.put("LITELLM_MASTER_KEY", MASTER);
        env.put("OPENAI_API_KEY", PROVIDER_KEY);
        return env;
    }

    static String config(FakeOpenAi openai) {
        openai.model("gpt-4o");
        return """
                model_list:
                  - model_name: gpt-4o-mini
                    litellm_params:
                      model: openai/gpt-4o-mini
                      api_base: %1$s
                      api_key: os.environ/OPENAI_API_KEY
                  - model_name: "openai/*"
                    litellm_params:
                      model: "openai/*"
                      api_base: %1$s
                      api_key: os.environ/OPENAI_API_KEY
                general_settings:
                  master_key: os.environ/LITELLM_MASTER_KEY
                """.formatted(openai.baseUrl());
    }
}
