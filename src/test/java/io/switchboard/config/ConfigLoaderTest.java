package io.switchboard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
    static final String FULL = """
            model_list:
              - model_name: gpt-4o
                litellm_params:
                  model: openai/gpt-4o
                  api_key: os.environ/OPENAI_API_KEY
                  organization: org-123
                  rpm: 500
                  tpm: 200000
                  weight: 3
                  order: 1
                  timeout: 30
                  stream_timeout: 2.5
                  max_retries: 2
                model_info:
                  id: gpt4o-primary
                  mode: chat
                  input_cost_per_token: 0.0000025
                  max_input_tokens: 128000
              - model_name: gpt-4o
                litellm_params:
                  model: azure/prod-gpt4o
                  api_base: https://example-resource.openai.azure.com
                  api_version: "2024-10-21"
                  api_key: os.environ/AZURE_API_KEY
                  order: 2
              - model_name: llama-3-70b
                litellm_params:
                  model: openrouter/meta-llama/llama-3-70b
                  aws_region_name: us-east-1
                  tags: [free, fast]
              - model_name: "openai/*"
                litellm_params:
                  model: "openai/*"
                  api_key: os.environ/OPENAI_API_KEY
              - model_name: gpt-3.5-turbo
                litellm_params:
                  model: gpt-3.5-turbo
                  api_key: sk-literal-deployment-key
            litellm_settings:
              drop_params: true
              request_timeout: 120
              num_retries: 3
            router_settings:
              routing_strategy: least-busy
              num_retries: 2
              timeout: 45.5
            general_settings:
              master_key: sk-master-1234
              max_request_size_mb: 4
            """;
    static final Map<String, String> KEYS = Map.of("OPENAI_API_KEY", "sk-openai-env", "AZURE_API_KEY", "az-env");

    static GatewayConfig load(String yaml, Map<String, String> env) {
        return ConfigLoader.load("config.yaml", new StringReader(yaml), name -> Optional.ofNullable(env.get(name)));
    }

    @Test
    void readsEveryFieldOfAFullLiteLlmConfig() {
        GatewayConfig config = load(FULL, KEYS);

        assertEquals(5, config.modelList().size());
        DeploymentConfig openai = config.modelList().get(0);
        assertEquals("gpt4o-primary", openai.id());
        assertEquals("gpt-4o", openai.modelName());
        assertEquals("openai", openai.provider());
        assertEquals("gpt-4o", openai.upstreamModel());
        assertEquals("sk-openai-env", openai.apiKey());
        assertNull(openai.apiBase());
        assertEquals(500L, openai.rpm());
        assertEquals(200000L, openai.tpm());
        assertEquals(3, openai.weight());
        assertEquals(1, openai.order());
        assertEquals(2, openai.maxRetries());
        assertEquals(Duration.ofSeconds(30), openai.timeout());
        assertEquals(Duration.ofMillis(2500), openai.streamTimeout());
        assertEquals("chat", openai.modelInfo().get("mode").asText());
        assertEquals(new BigDecimal("0.0000025"), openai.modelInfo().get("input_cost_per_token").decimalValue());
        assertEquals(128000, openai.modelInfo().get("max_input_tokens").intValue());
        assertEquals(Set.of("organization"), openai.extraParams().keySet());
        assertEquals("org-123", openai.extraParams().get("organization").asText());

        DeploymentConfig azure = config.modelList().get(1);
        assertEquals("azure", azure.provider());
        assertEquals("prod-gpt4o", azure.upstreamModel());
        assertEquals("https://example-resource.openai.azure.com", azure.apiBase());
        assertEquals("2024-10-21", azure.apiVersion());
        assertEquals("az-env", azure.apiKey());
        assertEquals(2, azure.order());
        assertNull(azure.rpm());
        assertNull(azure.timeout());
        assertTrue(azure.modelInfo().isObject() && azure.modelInfo().isEmpty());
        assertTrue(azure.extraParams().isEmpty());

        DeploymentConfig openrouter = config.modelList().get(2);
        assertEquals("openrouter", openrouter.provider());
        assertEquals("meta-llama/llama-3-70b", openrouter.upstreamModel());
        assertEquals("us-east-1", openrouter.extraParams().get("aws_region_name").asText());
        // tags are the router's (tag-based routing), never passed on to the provider
        assertEquals(List.of("free", "fast"), openrouter.tags());
        assertFalse(openrouter.extraParams().containsKey("tags"));

        DeploymentConfig wildcard = config.modelList().get(3);
        assertEquals("openai/*", wildcard.modelName());
        assertEquals("openai", wildcard.provider());
        assertEquals("*", wildcard.upstreamModel());

        DeploymentConfig bare = config.modelList().get(4);
        assertEquals("openai", bare.provider());
        assertEquals("gpt-3.5-turbo", bare.upstreamModel());
        assertEquals("sk-literal-deployment-key", bare.apiKey());

        assertTrue(config.litellmSettings().dropParams());
        assertEquals(Duration.ofSeconds(120), config.litellmSettingsRequestTimeout());
        assertEquals(3, config.litellmSettings().numRetries());
        assertEquals("least-busy", config.routerSettings().routingStrategy());
        assertEquals(2, config.routerSettings().numRetries());
        assertEquals(Duration.ofMillis(45500), config.routerSettings().timeout());
        assertEquals("sk-master-1234", config.generalSettings().masterKey());
        assertFalse(config.generalSettings().allowNoMasterKey());
        assertEquals(4L * 1024 * 1024, config.generalSettings().maxRequestBodyBytes());
        // The router enforces rpm/tpm/max_retries, num_retries and least-busy: nothing here is reported.
        assertEquals(List.of(), config.unsupportedKeys());
        assertEquals("sk-master-1234", config.document().at("/general_settings/master_key").asText());
    }

    @Test
    void defaultsApplyWhenSectionsAreMissing() {
        GatewayConfig config = load("""
                model_list:
                  - model_name: m
                    litellm_params: {model: groq/llama-3.3-70b-versatile}
                """, Map.of());

        assertEquals("simple-shuffle", config.routerSettings().routingStrategy());
        assertEquals(32L * 1024 * 1024, config.generalSettings().maxRequestBodyBytes());
        assertNull(config.generalSettings().masterKey());
        assertFalse(config.litellmSettings().dropParams());
        assertNull(config.litellmSettingsRequestTimeout());
        assertTrue(config.routerSettings().fallbacks().isArray() && config.routerSettings().fallbacks().isEmpty());
        assertEquals("groq", config.modelList().get(0).provider());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "true                            | true",
        "\"true\"                        | true",
        "False                           | false",
        "os.environ/SWITCHBOARD_NO_LOGS  | true"})
    void disableSpendLogsIsABooleanAndSupported(String value, boolean expected) {
        GatewayConfig config = load("""
                model_list:
                  - model_name: m
                    litellm_params: {model: openai/gpt-4o}
                general_settings:
                  disable_spend_logs: %s
                """.formatted(value), Map.of("SWITCHBOARD_NO_LOGS", "true"));

        assertEquals(expected, config.generalSettings().disableSpendLogs());
        assertEquals(List.of(), config.unsupportedKeys());
    }

    @Test
    void spendLogsAreOnByDefaultAndAnythingButABooleanIsAnError() {
        assertFalse(load(FULL, KEYS).generalSettings().disableSpendLogs());
        ConfigException wrong = assertThrows(ConfigException.class, () -> load("""
                model_list:
                  - model_name: m
                    litellm_params: {model: openai/gpt-4o}
                general_settings:
                  disable_spend_logs: sometimes
                """, Map.of()));
        assertEquals("config.yaml line 5: general_settings.disable_spend_logs must be true or false, got \"sometimes\"",
                wrong.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "openai/gpt-4o                              | openai      | gpt-4o",
        "gpt-4o                                     | openai      | gpt-4o",
        "hosted_vllm/meta-llama/Llama-3.1-8B        | hosted_vllm | meta-llama/Llama-3.1-8B",
        "openrouter/meta-llama/llama-3-70b          | openrouter  | meta-llama/llama-3-70b",
        "anthropic/*                                | anthropic   | *",
        "*                                          | openai      | *",
        "bedrock/us.anthropic.claude-3-5-sonnet-v2:0 | bedrock    | us.anthropic.claude-3-5-sonnet-v2:0"})
    void splitsProviderAtTheFirstSlash(String model, String provider, String upstream) {
        DeploymentConfig d = load("""
                model_list:
                  - model_name: any
                    litellm_params:
                      model: "%s"
                """.formatted(model), Map.of()).modelList().get(0);

        assertEquals(provider, d.provider());
        assertEquals(upstream, d.upstreamModel());
    }

    @Test
    void derivedIdsAreStableShortHashesThatNeverContainTheKey() {
        String entry = """
                model_list:
                  - model_name: m
                    litellm_params: {model: openai/m, api_key: %s, api_base: "http://a"}
                """;
        String first = load(entry.formatted("sk-secret-one"), Map.of()).modelList().get(0).id();

        assertTrue(first.matches("[0-9a-f]{16}"), first);
        assertEquals(first, load(entry.formatted("sk-secret-one"), Map.of()).modelList().get(0).id());
        assertNotEquals(first, load(entry.formatted("sk-secret-two"), Map.of()).modelList().get(0).id());
        assertEquals(first, load("""
                model_list:
                  - model_name: m
                    litellm_params: {api_base: "http://a", api_key: sk-secret-one, model: openai/m}
                """, Map.of()).modelList().get(0).id(), "key order must not change the id");
        String byReference = entry.formatted("os.environ/K");
        assertEquals(load(byReference, Map.of("K", "rotated-1")).modelList().get(0).id(),
                load(byReference, Map.of("K", "rotated-2")).modelList().get(0).id(), "key rotation keeps the id");
    }

    @Test
    void identicalEntriesGetDistinctIds() {
        String same = """
                  - model_name: m
                    litellm_params: {model: openai/m}
                """;
        List<DeploymentConfig> list = load("model_list:\n" + same + same + same, Map.of()).modelList();

        String id = list.get(0).id();
        assertEquals(List.of(id, id + "-2", id + "-3"), list.stream().map(DeploymentConfig::id).toList());
    }

    @Test
    void secretsNeverAppearInToString() {
        GatewayConfig config = load(FULL + """
                environment_variables:
                  SOME_TOKEN: tok-env-secret
                """, KEYS);
        DeploymentConfig withSecretParam = load("""
                model_list:
                  - model_name: b
                    litellm_params: {model: bedrock/x, aws_secret_access_key: aws-secret-value}
                """, Map.of()).modelList().get(0);

        String text = config.toString();
        for (String secret : List.of("sk-master-1234", "sk-openai-env", "az-env", "sk-literal-deployment-key",
                "tok-env-secret")) {
            assertFalse(text.contains(secret), secret + " leaked into " + text);
        }
        assertTrue(config.generalSettings().toString().contains("masterKey=****"));
        assertTrue(config.modelList().get(0).toString().contains("apiKey=****"));
        assertTrue(text.contains("SOME_TOKEN"), "variable names are shown");
        assertFalse(withSecretParam.toString().contains("aws-secret-value"));
        assertTrue(withSecretParam.toString().contains("aws_secret_access_key"));
    }

    @Test
    void loadsAFileUsingItsPathAsTheLabel(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "\uFEFFmodel_list:\n  - model_name: m\n    litellm_params: {model: openai/m}\n");

        assertEquals("m", ConfigLoader.load(file, name -> Optional.empty()).modelList().get(0).modelName());

        Files.writeString(file, "model_list:\n  - model_name: m\n    litellm_params: {model: openai/m, rpm: x}\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, n -> Optional.empty()));
        assertEquals(file + " line 3: model_list[0].litellm_params.rpm must be a whole number, got \"x\"",
                e.getMessage());
    }

    @Test
    void anUnreadableFileIsAConfigException(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(missing, n -> Optional.empty()));

        assertTrue(e.getMessage().startsWith("Config file " + missing + " could not be read"), e.getMessage());
    }
}
