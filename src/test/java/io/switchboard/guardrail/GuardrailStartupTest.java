package io.switchboard.guardrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.config.ActiveConfig;
import io.switchboard.config.ConfigException;
import io.switchboard.config.GatewayConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A guardrail entry the gateway cannot run stops start-up with a message naming it. */
class GuardrailStartupTest {

    private static Guardrails engine(String guardrailsJson) throws Exception {
        GatewayConfig config = new GatewayConfig(null, null, null, null, null, null,
                new ObjectMapper().readTree("{\"guardrails\": " + guardrailsJson + "}"));
        Map<String, Guardrail> installed = Map.of("pii", new PiiGuardrail(),
                "litellm_content_filter", new ContentFilterGuardrail());
        Guardrails engine = new Guardrails() {
            @Override
            Guardrail bean(String type) {
                return installed.get(type);
            }
        };
        engine.config = new ActiveConfig() {
            @Override
            public GatewayConfig config() {
                return config;
            }
        };
        return engine;
    }

    @Test
    void unknownTypeNamesTheGuardrail() throws Exception {
        Guardrails engine = engine("[{\"guardrail_name\": \"g1\", \"litellm_params\": {\"guardrail\": \"aporia\","
                + " \"mode\": \"pre_call\"}}]");
        ConfigException e = assertThrows(ConfigException.class, engine::specs);
        assertTrue(e.getMessage().contains("'g1'") && e.getMessage().contains("aporia"), e.getMessage());
    }

    @Test
    void invalidSettingsAreReportedAtStart() throws Exception {
        Guardrails engine = engine("[{\"guardrail_name\": \"words\", \"litellm_params\": {\"guardrail\":"
                + " \"litellm_content_filter\", \"mode\": \"pre_call\", \"patterns\": [{\"pattern\": \"([a-z\"}]}}]");
        ConfigException e = assertThrows(ConfigException.class, engine::specs);
        assertTrue(e.getMessage().contains("'words'") && e.getMessage().contains("patterns[0].pattern"), e.getMessage());
    }

    @Test
    void noGuardrailsIsFine() throws Exception {
        assertEquals(0, engine("[]").specs().size());
    }
}
