package io.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A virtual key's own budget and limits, set with {@code /key/generate}, hold on the request path (on
 * the default embedded Derby): the ledger takes them from the key directory, reserves each call's
 * maximum cost against them, and refuses what would overspend.
 */
class KeyBudgetIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String CHAT = "{\"model\":\"gpt-4o-mini\",\"max_tokens\":100,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.get();
    }

    @Test
    void aKeyWhoseBudgetCannotCoverTheCallIsRefusedBeforeTheProviderIsCalled() throws Exception {
        String key = generate("{\"key_alias\":\"tiny-budget\",\"max_budget\":0.000001}");
        int before = gateway.openai.requestCount();
        HttpResponse<String> refused = chat(key);
        assertEquals(429, refused.statusCode(), refused.body());
        assertEquals("budget_exceeded", JSON.readTree(refused.body()).at("/error/type").asText());
        assertEquals(before, gateway.openai.requestCount(), "a refused call never reaches the provider");
    }

    @Test
    void aKeyWithinBudgetIsServedAndCharged() throws Exception {
        String key = generate("{\"key_alias\":\"ample-budget\",\"max_budget\":1.0}");
        HttpResponse<String> served = chat(key);
        assertEquals(200, served.statusCode(), served.body());
        BigDecimal cost = new BigDecimal(served.headers().firstValue("x-litellm-response-cost").orElseThrow());
        assertTrue(cost.signum() > 0 && cost.compareTo(new BigDecimal("0.001")) < 0, cost.toPlainString());
    }

    @Test
    void theRemainingBudgetOfAKeyIsAGaugeNamedByItsIdNeverByTheKey() throws Exception {
        JsonNode made = generateJson("{\"key_alias\":\"gauged-budget\",\"max_budget\":2.0}");
        String key = made.path("key").asText();
        String id = made.path("key_id").asText();
        assertTrue(id.startsWith("key-"), made.toString());
        HttpResponse<String> served = chat(key);
        assertEquals(200, served.statusCode(), served.body());
        BigDecimal expected = new BigDecimal("2").subtract(
                new BigDecimal(served.headers().firstValue("x-litellm-response-cost").orElseThrow()));
        String sample = "litellm_remaining_api_key_budget_metric{api_key_id=\"" + id + "\"} ";
        String scraped = "";
        BigDecimal remaining = null;
        // the spend row is settled by the outbox flusher (every 200 ms), then the gauge shows it
        for (int i = 0; i < 100 && (remaining == null || remaining.compareTo(expected) != 0); i++) {
            Thread.sleep(100);
            scraped = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            int at = scraped.indexOf(sample);
            remaining = at < 0 ? null
                    : new BigDecimal(scraped.substring(at + sample.length(), scraped.indexOf('\n', at)).trim());
        }
        assertEquals(0, expected.compareTo(remaining), "remaining " + remaining + ", expected " + expected);
        assertTrue(scraped.contains("litellm_api_key_max_budget_metric{api_key_id=\"" + id + "\"} 2\n"), scraped);
        assertFalse(scraped.contains(key), "the key itself never reaches a metric");
    }

    @Test
    void aKeysRpmLimitHolds() throws Exception {
        String key = generate("{\"key_alias\":\"two-rpm\",\"rpm_limit\":2}");
        assertEquals(200, chat(key).statusCode());
        assertEquals(200, chat(key).statusCode());
        HttpResponse<String> third = chat(key);
        assertEquals(429, third.statusCode(), third.body());
        assertTrue(third.headers().firstValue("retry-after").isPresent());
    }

    @Test
    void rateLimitHeadroomIsAGaugePerKeyAndPerModel() throws Exception {
        JsonNode made = generateJson("{\"key_alias\":\"headroom\",\"rpm_limit\":5,\"tpm_limit\":100000,"
                + "\"model_rpm_limit\":{\"gpt-4o-mini\":3}}");
        String key = made.path("key").asText();
        String id = made.path("key_id").asText();
        assertEquals(200, chat(key).statusCode());
        assertEquals(200, chat(key).statusCode());
        String scraped = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(scraped.contains("switchboard_remaining_requests{scope=\"key\",id=\"" + id + "\"} 3\n"), scraped);
        assertTrue(scraped.contains("litellm_remaining_api_key_requests_for_model{api_key_id=\"" + id
                + "\",model=\"gpt-4o-mini\"} 1\n"), scraped);
        String tokens = "switchboard_remaining_tokens{scope=\"key\",id=\"" + id + "\"} ";
        int at = scraped.indexOf(tokens);
        assertTrue(at >= 0, scraped);
        long left = Long.parseLong(scraped.substring(at + tokens.length(), scraped.indexOf('\n', at)).trim());
        assertTrue(left > 0 && left < 100_000, "two calls' tokens are taken from the window: " + left);
        assertFalse(scraped.contains(key), "the key itself never reaches a metric");
    }

    @Test
    void aTeamKeysCallsAreCountedUnderItsTeam() throws Exception {
        HttpResponse<String> team = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/team/new"))
                .header("Authorization", "Bearer " + TestGateway.MASTER_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"team_alias\":\"metered\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, team.statusCode(), team.body());
        String teamId = JSON.readTree(team.body()).path("team_id").asText();
        String key = generate("{\"key_alias\":\"metered-key\",\"team_id\":\"" + teamId + "\"}");
        assertEquals(200, chat(key).statusCode());
        String scraped = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(scraped.contains("litellm_proxy_total_requests_metric_total{requested_model=\"gpt-4o-mini\","
                + "route=\"chat.completions\",status_code=\"200\",api_key_alias=\"metered-key\",team=\"" + teamId
                + "\"} 1\n"), scraped);
    }

    @Test
    void aLinkedBudgetRowBindsTheKeyAndItsChangesApply() throws Exception {
        HttpResponse<String> missing = admin("/key/generate", "{\"budget_id\":\"no-such-budget\"}");
        assertEquals(400, missing.statusCode(), missing.body());
        assertEquals("budget_id", JSON.readTree(missing.body()).at("/error/param").asText());

        String tier = "tier-" + java.util.UUID.randomUUID();
        assertEquals(200, admin("/budget/new", "{\"budget_id\":\"" + tier + "\",\"rpm_limit\":2}").statusCode());
        String limited = generate("{\"key_alias\":\"tiered\",\"budget_id\":\"" + tier + "\"}");
        assertEquals(200, chat(limited).statusCode());
        assertEquals(200, chat(limited).statusCode());
        assertEquals(429, chat(limited).statusCode(), "the budget row's rpm_limit binds the key");

        String pennies = "pennies-" + java.util.UUID.randomUUID();
        assertEquals(200, admin("/budget/new", "{\"budget_id\":\"" + pennies + "\",\"max_budget\":0.000001}")
                .statusCode());
        String broke = generate("{\"key_alias\":\"broke\",\"max_budget\":5,\"budget_id\":\"" + pennies + "\"}");
        int before = gateway.openai.requestCount();
        HttpResponse<String> refused = chat(broke);
        assertEquals(429, refused.statusCode(), refused.body());
        assertEquals("budget_exceeded", JSON.readTree(refused.body()).at("/error/type").asText());
        assertEquals(before, gateway.openai.requestCount(), "the stricter of the key's and the row's budget holds");

        assertEquals(200, admin("/budget/update", "{\"budget_id\":\"" + pennies + "\",\"max_budget\":1.0}")
                .statusCode());
        // The key cache is forgotten at once; the ledger re-reads a party's budget at most 2 s later.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        HttpResponse<String> raised = chat(broke);
        while (raised.statusCode() == 429 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            raised = chat(broke);
        }
        assertEquals(200, raised.statusCode(), "a raised budget row applies within the ledger's account cache: "
                + raised.body());
    }

    @Test
    void aReservationCoversTheDearestModelAFallbackCouldReach() throws Exception {
        // gpt-4o-mini's maximum for CHAT is $0.0000612; openai/gpt-4o's is $0.00102.
        String key = generate("{\"key_alias\":\"fallback-priced\",\"max_budget\":0.0005}");
        assertEquals(200, chat(key).statusCode(), "the asked model alone fits the budget");
        int before = gateway.openai.requestCount();
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(CHAT.replace("{\"model\":\"gpt-4o-mini\",",
                        "{\"model\":\"gpt-4o-mini\",\"fallbacks\":[\"openai/gpt-4o\"],"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(429, refused.statusCode(), refused.body());
        assertEquals("budget_exceeded", JSON.readTree(refused.body()).at("/error/type").asText());
        assertEquals(before, gateway.openai.requestCount(), "refused before any provider call");
    }

    private static HttpResponse<String> admin(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .header("Authorization", "Bearer " + TestGateway.MASTER_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String generate(String body) throws Exception {
        return generateJson(body).path("key").asText();
    }

    private static JsonNode generateJson(String body) throws Exception {
        HttpResponse<String> made = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/key/generate"))
                .header("Authorization", "Bearer " + TestGateway.MASTER_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, made.statusCode(), made.body());
        return JSON.readTree(made.body());
    }

    private static HttpResponse<String> chat(String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(CHAT)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
