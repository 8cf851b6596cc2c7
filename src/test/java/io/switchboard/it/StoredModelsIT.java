package io.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.fake.FakeOpenAi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Deployments added with {@code /model/new} live in PostgreSQL with their credential encrypted: a
 * second gateway sharing the database serves them from its start, the table never holds the key in
 * plain text, and a delete removes both rows.
 */
class StoredModelsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String MASTER = "sk-master-CANARY-stored-5e1a";
    private static final String PROVIDER_KEY = "sk-CANARY-PROV-stored-model-77c3";
    private static final String ADMIN_DB = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String CONFIG = """
            model_list:
              - model_name: placeholder
                litellm_params:
                  model: hosted_vllm/llama
                  api_base: http://127.0.0.1:9/v1
            """;

    @Test
    void aStoredModelServesEveryInstanceAndItsKeyIsNeverStoredInPlainText() throws Exception {
        String db = "switchboard_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection admin = DriverManager.getConnection(ADMIN_DB, "postgres", "")) {
            admin.createStatement().execute("CREATE DATABASE " + db);
        }
        FakeOpenAi openai = FakeOpenAi.start(0, PROVIDER_KEY);
        Map<String, String> env = Map.of("LITELLM_MASTER_KEY", MASTER,
                "DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/" + db);
        try (GatewayServer first = GatewayServer.start("stored-models-1", CONFIG, env)) {
            HttpResponse<String> added = send(first, "/model/new", """
                    {"model_name": "stored-mini", "litellm_params": {"model": "openai/gpt-4o-mini",
                     "api_base": "%s", "api_key": "%s"}}""".formatted(openai.baseUrl(), PROVIDER_KEY));
            assertEquals(200, added.statusCode(), added.body());
            String id = JSON.readTree(added.body()).path("model_id").asText();
            assertEquals(200, chat(first).statusCode());

            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + db, "postgres", "")) {
                String stored = rows(c, "SELECT litellm_params FROM sb_proxy_models")
                        + rows(c, "SELECT credential_values FROM sb_credentials");
                assertFalse(stored.contains(PROVIDER_KEY), "the provider key is stored in plain text: " + stored);
                assertTrue(stored.contains("litellm_credential_name"), stored);
                assertTrue(stored.contains("v1:"), "the credential is sealed");
            }

            try (GatewayServer second = GatewayServer.start("stored-models-2", CONFIG, env, Duration.ofSeconds(240))) {
                assertTrue(get(second, "/v1/models").contains("\"stored-mini\""));
                HttpResponse<String> served = chat(second);
                assertEquals(200, served.statusCode(), served.body());
                assertEquals(id, served.headers().firstValue("x-litellm-model-id").orElseThrow());
                assertEquals(200, send(second, "/model/delete", "{\"id\": \"" + id + "\"}").statusCode());
            }
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + db, "postgres", "")) {
                assertEquals("", rows(c, "SELECT model_id FROM sb_proxy_models") + rows(c, "SELECT credential_name FROM sb_credentials"));
            }
            assertFalse((first.logText() + first.messagesLog()).contains(PROVIDER_KEY), "the key reached a log");
        } finally {
            openai.close();
            try (Connection admin = DriverManager.getConnection(ADMIN_DB, "postgres", "")) {
                admin.createStatement().execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            }
        }
    }

    private static String rows(Connection c, String sql) throws Exception {
        StringBuilder out = new StringBuilder();
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.append(rs.getString(1)).append('\n');
            }
        }
        return out.toString();
    }

    private static HttpResponse<String> chat(GatewayServer server) throws Exception {
        return send(server, "/v1/chat/completions",
                "{\"model\":\"stored-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    private static String get(GatewayServer server, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", "Bearer " + MASTER).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static HttpResponse<String> send(GatewayServer server, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", "Bearer " + MASTER).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
