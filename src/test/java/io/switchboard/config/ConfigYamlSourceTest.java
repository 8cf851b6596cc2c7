package io.switchboard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What config.yaml hands to MicroProfile Config for the parts of the runtime that read it there. */
class ConfigYamlSourceTest {
    private static Map<String, String> settingsOf(String yaml, Map<String, String> env) {
        return ConfigYamlSource.settings(ConfigLoader.loadLenient("config.yaml", new StringReader(yaml),
                name -> Optional.ofNullable(env.get(name))));
    }

    @Test
    void otelIsSwitchedOnByNameInCallbacksOrSuccessCallback() {
        assertEquals("false", settingsOf("litellm_settings:\n  callbacks: [\"otel\"]\n", Map.of())
                .get("otel.sdk.disabled"));
        assertEquals("false", settingsOf("litellm_settings:\n  success_callback: [\"langfuse_otel\"]\n", Map.of())
                .get("otel.sdk.disabled"));
        assertFalse(settingsOf("litellm_settings:\n  callbacks: [\"prometheus\"]\n", Map.of())
                .containsKey("otel.sdk.disabled"));
        assertFalse(settingsOf("model_list: []\n", Map.of()).containsKey("otel.sdk.disabled"));
    }

    @Test
    void databaseUrlIsTakenFromGeneralSettingsWhereLiteLlmDocumentsIt() {
        assertEquals("postgresql://app@db:5432/llm", settingsOf(
                "general_settings:\n  database_url: postgresql://app@db:5432/llm\n", Map.of()).get("DATABASE_URL"));
        assertEquals("postgresql://env@db/x", settingsOf("general_settings:\n  database_url: os.environ/DATABASE_URL\n",
                Map.of("DATABASE_URL", "postgresql://env@db/x")).get("DATABASE_URL"));
        assertFalse(settingsOf("general_settings:\n  database_url: os.environ/DATABASE_URL\n", Map.of())
                .containsKey("DATABASE_URL"), "an unset reference is no value (the strict loader reports it)");
    }

    @Test
    void environmentVariablesSectionIsVisibleAsSettings() {
        Map<String, String> settings = settingsOf("environment_variables:\n  DATABASE_URL: postgresql://u@h/d\n"
                + "  OTEL_EXPORTER_OTLP_ENDPOINT: http://collector:4318\n", Map.of());
        assertEquals("postgresql://u@h/d", settings.get("DATABASE_URL"));
        assertEquals("http://collector:4318", settings.get("OTEL_EXPORTER_OTLP_ENDPOINT"));
    }

    @Test
    void rankedBelowTheEnvironmentSoAnExportedVariableWins() {
        assertTrue(new ConfigYamlSource().getOrdinal() < 300);
        assertTrue(new ConfigYamlSource().getOrdinal() > 100);
    }
}
