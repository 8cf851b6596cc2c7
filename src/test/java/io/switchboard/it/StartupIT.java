package io.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What start-up refuses and what it reports, each on its own gateway process: a config that cannot
 * work stops the application with a message that says why, and keys without effect are listed.
 */
class StartupIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ONE_MODEL = """
            model_list:
              - model_name: local
                litellm_params:
                  model: hosted_vllm/llama
                  api_base: http://127.0.0.1:9/v1
            """;

    private static int status(GatewayServer server, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void withoutAMasterKeyTheApplicationDoesNotStart() throws Exception {
        try (GatewayServer server = GatewayServer.startExpectingNoApplication("no-master-key", ONE_MODEL, Map.of())) {
            String log = server.logText();
            assertTrue(log.contains("No master key is configured: set LITELLM_MASTER_KEY"), server.tail());
            assertEquals(404, status(server, "/v1/models"), "nothing may be served without a key");
        }
    }

    @Test
    void theExplicitDevelopmentSwitchRunsWithoutKeys() throws Exception {
        try (GatewayServer server = GatewayServer.start("no-auth-dev", ONE_MODEL,
                Map.of("SWITCHBOARD_ALLOW_NO_MASTER_KEY", "true"))) {
            assertEquals(200, status(server, "/v1/models"));
            assertTrue(server.logText().contains("Running WITHOUT authentication"));
        }
    }

    @Test
    void aMalformedConfigStopsStartUpNamingFileLineAndKey() throws Exception {
        String broken = ONE_MODEL + "      rpm: fast\n";
        try (GatewayServer server = GatewayServer.startExpectingNoApplication("malformed", broken,
                Map.of("LITELLM_MASTER_KEY", "sk-x"))) {
            String log = server.logText();
            assertTrue(log.contains("line 6: model_list[0].litellm_params.rpm must be a whole number, got \"fast\""),
                    server.tail());
            assertTrue(log.contains("config.yaml"), server.tail());
            assertEquals(404, status(server, "/v1/models"));
        }
    }

    @Test
    void keysWithoutEffectYetAreReportedOnceAtStart() throws Exception {
        String config = ONE_MODEL + """
                router_settings:
                  routing_strategy: usage-based-routing
                  num_retries: 3
                litellm_settings:
                  callbacks: ["prometheus", "langfuse"]
                general_settings:
                  alerting: ["slack"]
                """;
        try (GatewayServer server = GatewayServer.start("unsupported", config, Map.of("LITELLM_MASTER_KEY", "sk-x"))) {
            String log = server.logText();
            String line = log.lines().filter(l -> l.contains("not yet supported")).findFirst().orElseThrow();
            for (String key : new String[] {"router_settings.routing_strategy: usage-based-routing",
                    "general_settings.alerting", "litellm_settings.callbacks: langfuse"}) {
                assertTrue(line.contains(key), line);
            }
            assertFalse(line.contains("prometheus"), "/metrics is served: the prometheus callback is in effect");
            assertFalse(line.contains("num_retries"), "the router retries: num_retries is in effect");
            assertEquals(1, log.lines().filter(l -> l.contains("not yet supported")).count());
            assertFalse(log.contains("sk-x"), "the master key must not appear in the log");
        }
    }
}
