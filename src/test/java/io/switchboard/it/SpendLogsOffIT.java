package io.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.fake.FakeOpenAi;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code general_settings.disable_spend_logs: true} through the packaged gateway on PostgreSQL: a virtual
 * key's calls are served and charged to the key as always, but no {@code spend_log} row is written (the
 * outbox batches leave a marker each instead), and the spend routes answer with nothing new.
 */
class SpendLogsOffIT {
    private static final String MASTER = "sk-master-logs-off-it-51d0";
    private static final String OPENAI = "sk-logs-off-it-upstream-8b2c";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    private static FakeOpenAi openai;
    private static SpendLedgerDatabase db;
    private static GatewayServer server;

    @BeforeAll
    static void start() throws Exception {
        openai = FakeOpenAi.start(0, OPENAI);
        db = new SpendLedgerDatabase();
        server = GatewayServer.start("spend-logs-off", """
                model_list:
                  - model_name: priced
                    litellm_params:
                      model: openai/gpt-4o-mini
                      api_base: %s
                      api_key: os.environ/OPENAI_API_KEY
                    model_info:
                      input_cost_per_token: 0.00001
                      output_cost_per_token: 0.0001
                general_settings:
                  master_key: os.environ/LITELLM_MASTER_KEY
                  disable_spend_logs: true
                """.formatted(openai.baseUrl()), Map.of("LITELLM_MASTER_KEY", MASTER, "OPENAI_API_KEY", OPENAI,
                "DATABASE_URL", db.databaseUrl()));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {server, openai, db}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void aKeysCallsAreChargedToItWithoutSpendLogRows() throws Exception {
        JsonNode made = call("POST", "/key/generate", MASTER, "{\"key_alias\":\"unlogged\",\"max_budget\":1.0}");
        String key = made.path("key").asText();
        String keyId = made.path("key_id").asText();
        BigDecimal charged = BigDecimal.ZERO;
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> served = send("POST", "/v1/chat/completions", key, "{\"model\":\"priced\","
                    + "\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"hello number " + i + "\"}]}");
            assertEquals(200, served.statusCode(), served.body());
            charged = charged.add(new BigDecimal(served.headers().firstValue("x-litellm-response-cost").orElseThrow()));
        }
        assertTrue(charged.signum() > 0, charged.toPlainString());

        BigDecimal spend = BigDecimal.ZERO;
        Instant deadline = Instant.now().plusSeconds(60);
        while (spend.compareTo(charged) != 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200); // the outbox flusher settles every 200 ms
            spend = call("GET", "/key/info?key=" + keyId, MASTER, null).at("/info/spend").decimalValue();
        }
        System.out.printf("[spend-logs-off-it] 3 calls: x-litellm-response-cost sum=$%s /key/info spend=$%s%n",
                charged.toPlainString(), spend.toPlainString());
        assertEquals(0, charged.compareTo(spend), "/key/info spend " + spend + ", charged " + charged);
        assertEquals(0, db.count("SELECT COUNT(*) FROM spend_log"), "no row per call");
        assertTrue(db.count("SELECT COUNT(*) FROM spend_settled_batch") >= 1, "each settled batch is marked");
        assertEquals(0, db.decimal("SELECT COALESCE(SUM(reserved), 0) FROM spend_account").signum());
    }

    @Test
    void everyAdminViewShowsTheSpendTheLedgerSettled() throws Exception {
        String org = call("POST", "/organization/new", MASTER, "{\"organization_alias\":\"shown-org\"}")
                .path("organization_id").asText();
        String team = call("POST", "/team/new", MASTER, "{\"team_alias\":\"shown-team\",\"organization_id\":\""
                + org + "\"}").path("team_id").asText();
        call("POST", "/user/new", MASTER, "{\"user_id\":\"shown-user\"}");
        JsonNode made = call("POST", "/key/generate", MASTER, "{\"team_id\":\"" + team
                + "\",\"user_id\":\"shown-user\"}");
        HttpResponse<String> served = send("POST", "/v1/chat/completions", made.path("key").asText(),
                "{\"model\":\"priced\",\"messages\":[{\"role\":\"user\",\"content\":\"count me\"}]}");
        assertEquals(200, served.statusCode(), served.body());
        BigDecimal charged = new BigDecimal(served.headers().firstValue("x-litellm-response-cost").orElseThrow());
        assertTrue(charged.signum() > 0, charged.toPlainString());

        Instant deadline = Instant.now().plusSeconds(60);
        while (call("GET", "/key/info?key=" + made.path("key_id").asText(), MASTER, null).at("/info/spend")
                .decimalValue().compareTo(charged) != 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200); // the outbox flusher settles every 200 ms
        }
        // the entity rows' own spend columns are never moved by calls: each view must show the ledger's figure
        assertEquals(0, charged.compareTo(call("GET", "/team/info?team_id=" + team, MASTER, null)
                .at("/team_info/spend").decimalValue()), "/team/info");
        assertEquals(0, charged.compareTo(call("GET", "/user/info?user_id=shown-user", MASTER, null)
                .at("/user_info/spend").decimalValue()), "/user/info");
        assertEquals(0, charged.compareTo(call("GET", "/organization/info?organization_id=" + org, MASTER, null)
                .at("/spend").decimalValue()), "/organization/info");
        JsonNode listed = call("GET", "/key/list?team_id=" + team, MASTER, null).at("/keys/0");
        assertEquals(0, charged.compareTo(listed.path("spend").decimalValue()), "/key/list: " + listed);
        assertEquals(0, charged.compareTo(call("GET", "/team/info?team_id=" + team, MASTER, null)
                .at("/keys/0/spend").decimalValue()), "/team/info keys");
    }

    @Test
    void theSpendRoutesAnswerWithNothingNew() throws Exception {
        JsonNode logs = call("GET", "/spend/logs", MASTER, null);
        assertTrue(logs.isArray() && logs.isEmpty(), logs.toString());
        JsonNode report = call("GET", "/global/spend/report?group_by=api_key", MASTER, null);
        assertTrue(report.isArray() && report.isEmpty(), report.toString());
        String messages = server.messagesLog();
        assertTrue(messages.contains("Spend logs are off"), "the mode is logged at start");
        assertFalse(messages.lines().anyMatch(l -> l.contains("not yet supported") && l.contains("disable_spend_logs")),
                "disable_spend_logs is not reported as unsupported");
    }

    private static JsonNode call(String method, String path, String bearer, String body) throws Exception {
        HttpResponse<String> r = send(method, path, bearer, body);
        assertEquals(200, r.statusCode(), method + " " + path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    private static HttpResponse<String> send(String method, String path, String bearer, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
