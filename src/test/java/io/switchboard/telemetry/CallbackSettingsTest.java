package io.switchboard.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** LiteLLM's ways of naming callbacks: generic_api webhooks, log levels (the OpenTelemetry switch: ConfigYamlSourceTest). */
class CallbackSettingsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void genericApiTargetsFollowCallbackSettingsAndEventTypes() throws Exception {
        JsonNode litellm = JSON.readTree("{\"callbacks\":[\"audit\",\"otel\"],\"failure_callback\":[\"alerts\"]}");
        JsonNode settings = JSON.readTree("{\"audit\":{\"callback_type\":\"generic_api\",\"endpoint\":\"https://logs.example/in\","
                + "\"headers\":{\"Authorization\":\"Bearer t\"},\"event_types\":[\"llm_api_success\"]},"
                + "\"alerts\":{\"callback_type\":\"generic_api\",\"endpoint\":\"https://alerts.example/\"}}");
        List<WebhookCallback.WebhookTarget> targets = WebhookCallback.WebhookTarget.from(litellm, settings, name -> null);
        assertEquals(2, targets.size());
        WebhookCallback.WebhookTarget audit = targets.get(0);
        assertEquals("https://logs.example/in", audit.endpoint().toString());
        assertEquals(Map.of("Authorization", "Bearer t"), audit.headers());
        assertTrue(audit.onSuccess());
        assertFalse(audit.onFailure(), "event_types leaves failures out");
        WebhookCallback.WebhookTarget alerts = targets.get(1);
        assertFalse(alerts.onSuccess(), "a failure_callback hears only failures");
        assertTrue(alerts.onFailure());
        assertFalse(audit.toString().contains("logs.example"), "a target's endpoint (it may carry a token) is not printed");
    }

    @Test
    void plainGenericApiReadsLiteLlmsEnvironmentVariables() throws Exception {
        JsonNode litellm = JSON.readTree("{\"success_callback\":[\"generic_api\"]}");
        Map<String, String> env = Map.of("GENERIC_LOGGER_ENDPOINT", "http://collector:9000/logs",
                "GENERIC_LOGGER_HEADERS", "Authorization=Bearer x, X-Team=ml");
        List<WebhookCallback.WebhookTarget> targets = WebhookCallback.WebhookTarget.from(litellm,
                JSON.readTree("{}"), env::get);
        assertEquals(1, targets.size());
        assertEquals(Map.of("Authorization", "Bearer x", "X-Team", "ml"), targets.get(0).headers());
        assertTrue(targets.get(0).onSuccess());
        assertFalse(targets.get(0).onFailure());
        assertEquals(List.of(), WebhookCallback.WebhookTarget.from(litellm, JSON.readTree("{}"), name -> null),
                "without an endpoint there is nothing to call");
    }

    @Test
    void logLevelsAcceptJavaAndLiteLlmNames() {
        assertEquals(Level.FINE, LogLevels.parse("DEBUG"));
        assertEquals(Level.FINE, LogLevels.parse("fine"));
        assertEquals(Level.WARNING, LogLevels.parse("warn"));
        assertEquals(Level.SEVERE, LogLevels.parse("ERROR"));
        assertEquals(Level.OFF, LogLevels.parse("OFF"));
        assertEquals(null, LogLevels.parse("LOUD"));
    }
}
