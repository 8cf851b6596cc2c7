package io.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.fake.FakeOpenAi;
import io.switchboard.fake.Scenario;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The envelope around the router, tuned through the MP Config environment variables of the Fault
 * Tolerance annotations it replaced: a bulkhead of one call and a 1.5 s deadline for a call with all its
 * retries.
 */
class RouterEnvelopeIT {
    private static final String MASTER = "sk-envelope-master";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static FakeOpenAi fake;
    private static GatewayServer gateway;

    @BeforeAll
    static void start() throws Exception {
        fake = FakeOpenAi.start(0, "sk-envelope");
        gateway = GatewayServer.start("router-envelope", """
                model_list:
                  - model_name: m
                    litellm_params: {model: openai/gpt-4o-mini, api_base: "%s", api_key: sk-envelope, timeout: 10}
                general_settings:
                  master_key: %s
                """.formatted(fake.baseUrl(), MASTER), Map.of(
                "IO_SWITCHBOARD_ROUTING_ROUTER_EXECUTE_BULKHEAD_VALUE", "1",
                "IO_SWITCHBOARD_ROUTING_ROUTER_EXECUTE_TIMEOUT_VALUE", "1500"));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        fake.close();
    }

    private static CompletableFuture<HttpResponse<String>> post() {
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + MASTER).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theBulkheadRejectsCallsBeyondItsConfiguredSize() throws Exception {
        fake.scenario("gpt-4o-mini", new Scenario.Delay(Duration.ofMillis(800)));
        var first = post();
        Thread.sleep(300);
        HttpResponse<String> second = post().get();
        assertEquals(503, second.statusCode(), second.body());
        assertTrue(second.body().contains("gateway_busy"), second.body());
        assertEquals(200, first.get().statusCode());
        fake.clearScenarios();
    }

    @Test
    void theDeadlineCutsACallWithItsRetries() throws Exception {
        fake.scenario("gpt-4o-mini", new Scenario.Delay(Duration.ofSeconds(6)));
        long started = System.nanoTime();
        HttpResponse<String> r = post().get();
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertEquals(408, r.statusCode(), r.body());
        assertTrue(r.body().contains("deadline"), r.body());
        assertTrue(ms < 4000, "cut at 1.5 s, not at the 10 s attempt timeout: " + ms + " ms");
        fake.clearScenarios();
        assertEquals(List.of(200), List.of(post().get().statusCode()));
    }
}
