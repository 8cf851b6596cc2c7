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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes away under a running gateway and comes back. The database is reached through a
 * {@link TcpRelay} that the test cuts (connections reset, new ones refused), so the shared server
 * keeps running for everyone else. While it is gone: calls that need no budget are still served and
 * their spend waits in the outbox; a call that needs a budget reservation and every admin route get
 * a 503 with Retry-After (never a 500, never the database's address); readiness reports the
 * database disconnected. After it returns: every served call is in the spend log exactly once.
 */
class DatabaseOutageIT {
    private static final String MASTER = "sk-master-outage-it-5b2e";
    private static final String OPENAI = "sk-outage-it-upstream-8c1f";
    private static final String DB_PASSWORD = "CANARY-outage-dbpass-77";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final List<String> served = new ArrayList<>();
    private final List<String> answers = new ArrayList<>();
    private List<Long> outageMillis; // answer times while the database is cut, else null

    @Test
    void theGatewayRidesOutADatabaseOutageAndLosesNoSpend() throws Exception {
        try (SpendLedgerDatabase db = new SpendLedgerDatabase();
             TcpRelay relay = new TcpRelay(5432);
             FakeOpenAi openai = FakeOpenAi.start(0, OPENAI);
             GatewayServer gateway = GatewayServer.start("db-outage", config(openai), Map.of(
                     "LITELLM_MASTER_KEY", MASTER, "OPENAI_API_KEY", OPENAI,
                     "DATABASE_URL", "postgresql://postgres:" + DB_PASSWORD + "@127.0.0.1:" + relay.port() + "/" + db.name))) {
            String budgeted = call(gateway, MASTER, "/key/generate", "{\"max_budget\":1.0}", 200).get("key").asText();
            String free = call(gateway, MASTER, "/key/generate", "{}", 200).get("key").asText();
            for (String key : List.of(MASTER, budgeted, free)) {
                chat(gateway, key, 200);
            }

            relay.cut();
            outageMillis = new ArrayList<>();
            chat(gateway, MASTER, 200);
            chat(gateway, free, 200);
            HttpResponse<String> reservation = chat(gateway, budgeted, 503);
            assertTrue(reservation.headers().firstValue("retry-after").isPresent(), "a budgeted call is told when to retry");
            HttpResponse<String> admin = send(gateway, MASTER, "/key/list", null);
            assertEquals(503, admin.statusCode(), admin.body());
            assertEquals("database_unavailable", JSON.readTree(admin.body()).at("/error/code").asText());
            assertTrue(admin.headers().firstValue("retry-after").isPresent());
            JsonNode readiness = JSON.readTree(send(gateway, null, "/health/readiness", null).body());
            assertEquals("disconnected", readiness.get("db").asText());
            System.out.println("[outage-it] answer times during the outage (ms): " + outageMillis);
            assertTrue(outageMillis.stream().allMatch(ms -> ms < 3_000), "no answer waits on the dead database: "
                    + outageMillis);
            outageMillis = null;

            relay.restore();
            awaitSpendRows(db, served.size());
            assertEquals(db.count("SELECT COUNT(*) FROM spend_log"), db.count("SELECT COUNT(DISTINCT request_id) FROM spend_log"),
                    "no request id is logged twice");
            for (String id : served) {
                assertEquals(1, db.count("SELECT COUNT(*) FROM spend_log WHERE request_id = ?", id), id);
            }
            BigDecimal logged = db.decimal("SELECT SUM(cost) FROM spend_log");
            BigDecimal servedCost = BigDecimal.ZERO;
            for (String id : served) {
                servedCost = servedCost.add(db.decimal("SELECT cost FROM spend_log WHERE request_id = ?", id));
            }
            assertEquals(0, logged.compareTo(servedCost), "only served calls cost anything (the refused one is $0)");
            BigDecimal charged = db.decimal("SELECT SUM(spend) FROM spend_account WHERE entity_kind = 'key'");
            assertEquals(0, logged.compareTo(charged), logged + " logged, " + charged + " charged to keys");
            System.out.println("[outage-it] " + served.size() + " calls served (2 during the outage), $"
                    + logged.toPlainString() + " logged = charged");

            chat(gateway, budgeted, 200);
            assertEquals(200, send(gateway, MASTER, "/key/list", null).statusCode(), "admin routes are back");
            awaitReadiness(gateway, "connected");

            String logs = gateway.logText() + gateway.messagesLog();
            for (String text : answers) {
                assertFalse(text.contains(String.valueOf(relay.port())), "the database's address reached a client: " + text);
                assertFalse(text.contains("at io.") || text.contains("Exception"), "a stack trace reached a client: " + text);
            }
            assertFalse(logs.contains(DB_PASSWORD), "the database password reached a log");
            assertFalse(logs.contains("will be retried by the JPA provider"), "EclipseLink's read retries are off");
        }
    }

    private void awaitSpendRows(SpendLedgerDatabase db, int expected) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        long rows = 0;
        while (Instant.now().isBefore(deadline)) {
            try {
                rows = db.count("SELECT COUNT(*) FROM spend_log");
                if (rows >= expected) {
                    return;
                }
            } catch (java.sql.SQLException notYet) {
                // the table is created with the first settled batch
            }
            Thread.sleep(250);
        }
        throw new AssertionError("only " + rows + " of " + expected + " spend rows after the database returned");
    }

    private void awaitReadiness(GatewayServer gateway, String expected) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        String db = null;
        while (Instant.now().isBefore(deadline)) {
            db = JSON.readTree(send(gateway, null, "/health/readiness", null).body()).get("db").asText();
            if (expected.equals(db)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("readiness still says db " + db);
    }

    private HttpResponse<String> chat(GatewayServer gateway, String key, int expected) throws Exception {
        HttpResponse<String> response = send(gateway, key, "/v1/chat/completions",
                "{\"model\":\"priced\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
        assertEquals(expected, response.statusCode(), response.body());
        if (expected == 200) {
            served.add(response.headers().firstValue("x-litellm-call-id").orElseThrow());
        }
        return response;
    }

    private JsonNode call(GatewayServer gateway, String key, String path, String body, int expected) throws Exception {
        HttpResponse<String> response = send(gateway, key, path, body);
        assertEquals(expected, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(GatewayServer gateway, String key, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .timeout(Duration.ofSeconds(60));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        request = body == null ? request.GET()
                : request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        long started = System.nanoTime();
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        answers.add(response.body());
        if (outageMillis != null) {
            outageMillis.add((System.nanoTime() - started) / 1_000_000);
        }
        return response;
    }

    private static String config(FakeOpenAi openai) {
        return """
                model_list:
                  - model_name: priced
                    litellm_params:
                      model: openai/gpt-4o-mini
                      api_base: %s
                      api_key: os.environ/OPENAI_API_KEY
                    model_info:
                      input_cost_per_token: 0.000001
                      output_cost_per_token: 0.000002
                router_settings:
                  num_retries: 0
                general_settings:
                  master_key: os.environ/LITELLM_MASTER_KEY
                """.formatted(openai.baseUrl());
    }
}
