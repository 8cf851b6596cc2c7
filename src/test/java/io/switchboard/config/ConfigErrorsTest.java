package io.switchboard.config;

import static io.switchboard.config.ConfigLoaderTest.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every malformed config fails with the file, the 1-based line and the key path, and nothing else. */
class ConfigErrorsTest {

    private static String errorOf(String yaml) {
        return assertThrows(ConfigException.class, () -> load(yaml, Map.of())).getMessage();
    }

    @Test
    void yamlSyntaxErrorNamesFileAndLineWithoutAStackTrace() {
        String message = errorOf("""
                model_list:
                  - model_name: m
                    litellm_params: {model: openai/m, rpm: [1, 2}
                """);

        assertTrue(message.startsWith("config.yaml line 3: YAML syntax error at column "), message);
        assertTrue(message.contains("while parsing a flow sequence"), message);
        assertFalse(message.contains("\n") || message.contains("Exception") || message.contains("at org."), message);
    }

    @Test
    void badIndentationIsASyntaxErrorOnItsLine() {
        String message = errorOf("""
                model_list:
                  - model_name: m
                    litellm_params:
                      model: openai/m
                     api_key: k
                """);

        assertTrue(message.startsWith("config.yaml line 5: YAML syntax error"), message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "rpm: \"fast\"        | rpm must be a whole number, got \"fast\"",
        "rpm: fast            | rpm must be a whole number, got \"fast\"",
        "tpm: 1.5             | tpm must be a whole number, got 1.5",
        "weight: -1           | weight must be a whole number of at least 0, got -1",
        "timeout: soon        | timeout must be a number of seconds, got \"soon\"",
        "timeout: 0           | timeout must be a positive number of seconds (at most 31536000), got 0",
        "stream_timeout: .inf | stream_timeout must be a number of seconds, got .inf",
        "max_retries: true    | max_retries must be a whole number, got true",
        "api_key: [a, b]      | api_key must be a single value, got a list"})
    void wrongTypesInLitellmParamsNameTheLineAndKeyPath(String param, String expected) {
        String message = errorOf("""
                model_list:
                  - model_name: ok
                    litellm_params: {model: openai/ok}
                  - model_name: m
                    litellm_params:
                      model: openai/m
                      %s
                """.formatted(param));

        assertEquals("config.yaml line 7: model_list[1].litellm_params." + expected, message);
    }

    @Test
    void modelMustNameProviderAndModel() {
        assertEquals("config.yaml line 3: model_list[0].litellm_params.model must look like provider/model"
                + " (for example openai/gpt-4o), got \"openai/\"", errorOf("""
                model_list:
                  - model_name: m
                    litellm_params: {model: openai/}
                """));
    }

    @Test
    void modelListMustBeAList() {
        assertEquals("config.yaml line 1: model_list must be a list, got a mapping", errorOf("""
                model_list:
                  gpt-4o: {model: openai/gpt-4o}
                """));
    }

    @Test
    void requiredKeysAreNamedAtTheirEntry() {
        assertEquals("config.yaml line 4: model_list[1].model_name is required", errorOf("""
                model_list:
                  - model_name: a
                    litellm_params: {model: openai/a}
                  - litellm_params:
                      model: openai/b
                """));
        assertEquals("config.yaml line 3: model_list[0].litellm_params.model is required", errorOf("""
                model_list:
                  - model_name: a
                    litellm_params:
                      api_key: k
                """));
        assertEquals("config.yaml line 2: model_list[0].litellm_params is required (it says which upstream model"
                + " serves a)", errorOf("""
                model_list:
                  - model_name: a
                """));
    }

    @Test
    void structuralMistakesAreNamed() {
        assertEquals("config.yaml line 2: model_list[0] must be a mapping with model_name and litellm_params,"
                + " got \"gpt-4o\"", errorOf("model_list:\n  - gpt-4o\n"));
        assertEquals("config.yaml line 4: model_list[0].model_info must be a mapping of keys to values, got \"x\"",
                errorOf("model_list:\n  - model_name: a\n    litellm_params: {model: openai/a}\n    model_info: x\n"));
        assertEquals("config.yaml line 1: the top level of the file must be a mapping of keys to values, got a list",
                errorOf("- model_name: a\n"));
        assertEquals("config.yaml line 1: litellm_settings must be a mapping of keys to values, got a list",
                errorOf("litellm_settings:\n  - drop_params\n"));
        assertEquals("config.yaml line 1: the file is empty; it needs at least a model_list (see the example config)",
                errorOf("# nothing here\n"));
    }

    @Test
    void settingsAreValidated() {
        assertEquals("config.yaml line 2: litellm_settings.drop_params must be true or false, got \"maybe\"",
                errorOf("litellm_settings:\n  drop_params: maybe\n"));
        assertTrue(errorOf("router_settings:\n  routing_strategy: fastest\n").startsWith(
                "config.yaml line 2: router_settings.routing_strategy must be one of [cost-based-routing,"), "strategy");
        assertEquals("config.yaml line 2: general_settings.max_request_size_mb must be a number of megabytes,"
                + " got \"big\"", errorOf("general_settings:\n  max_request_size_mb: big\n"));
        assertEquals("config.yaml line 2: router_settings.fallbacks must be a list, got a mapping",
                errorOf("router_settings:\n  fallbacks:\n    gpt-4o: [gpt-4o-mini]\n"));
    }

    @Test
    void duplicateKeysAndIdsAreErrors() {
        assertEquals("config.yaml line 4: model_list[0].litellm_params.rpm appears twice in the same mapping", errorOf("""
                model_list:
                  - model_name: a
                    litellm_params: {model: openai/a, rpm: 1,
                      rpm: 2}
                """));
        assertEquals("config.yaml line 7: model_list[1].model_info.id repeats the id \"dup\" of an earlier"
                + " model_list entry; ids must be unique", errorOf("""
                model_list:
                  - model_name: a
                    litellm_params: {model: openai/a}
                    model_info: {id: dup}
                  - model_name: b
                    litellm_params: {model: openai/b}
                    model_info: {id: dup}
                """));
    }
}
