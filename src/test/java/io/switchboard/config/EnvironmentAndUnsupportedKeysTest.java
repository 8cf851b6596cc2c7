package io.switchboard.config;

import static io.switchboard.config.ConfigLoaderTest.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code os.environ/NAME} resolution, {@code environment_variables}, and the unsupported-key report. */
class EnvironmentAndUnsupportedKeysTest {

    @Test
    void resolvesEnvironmentReferencesAnywhereInTheFile() {
        GatewayConfig config = load("""
                model_list:
                  - model_name: m
                    litellm_params:
                      model: openai/m
                      api_key: os.environ/OPENAI_API_KEY
                      rpm: os.environ/M_RPM
                      timeout: os.environ/M_TIMEOUT
                      organization: os.environ/OPENAI_ORG
                litellm_settings:
                  cache_params:
                    password: os.environ/REDIS_PASSWORD
                general_settings:
                  master_key: os.environ/LITELLM_MASTER_KEY
                  allow_no_master_key: os.environ/ALLOW_OPEN
                """, Map.of("OPENAI_API_KEY", "sk-a", "M_RPM", "250", "M_TIMEOUT", "1.5", "OPENAI_ORG", "org-9",
                "REDIS_PASSWORD", "redis-pw", "LITELLM_MASTER_KEY", "sk-master", "ALLOW_OPEN", "TRUE"));

        DeploymentConfig d = config.modelList().get(0);
        assertEquals("sk-a", d.apiKey());
        assertEquals(250L, d.rpm());
        assertEquals(Duration.ofMillis(1500), d.timeout());
        assertEquals("org-9", d.extraParams().get("organization").asText());
        assertEquals("redis-pw", config.litellmSettings().raw().at("/cache_params/password").asText());
        assertEquals("sk-master", config.generalSettings().masterKey());
        assertEquals(true, config.generalSettings().allowNoMasterKey());
    }

    @Test
    void anUnsetVariableIsAnErrorNamingLineAndKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("""
                model_list:
                  - model_name: m
                    litellm_params:
                      model: openai/m
                      api_key: os.environ/OPENAI_API_KEY
                """, Map.of()));

        assertEquals("config.yaml line 5: model_list[0].litellm_params.api_key refers to os.environ/OPENAI_API_KEY,"
                + " which is not set", e.getMessage());
    }

    @Test
    void anUnsetVariableUnderAnUnsupportedKeyIsStillReported() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("""
                litellm_settings:
                  cache_params:
                    type: redis
                    password: os.environ/REDIS_PASSWORD
                """, Map.of()));

        assertEquals("config.yaml line 4: litellm_settings.cache_params.password refers to"
                + " os.environ/REDIS_PASSWORD, which is not set", e.getMessage());
    }

    @Test
    void aBlankVariableCountsAsUnset() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load("general_settings:\n  master_key: os.environ/LITELLM_MASTER_KEY\n",
                        Map.of("LITELLM_MASTER_KEY", " ")));

        assertEquals("config.yaml line 2: general_settings.master_key refers to os.environ/LITELLM_MASTER_KEY,"
                + " which is not set", e.getMessage());
    }

    @Test
    void environmentVariablesSectionIsSeenBeforeTheProcessEnvironment() {
        GatewayConfig config = load("""
                environment_variables:
                  OPENAI_API_KEY: sk-from-file
                  AZURE_API_VERSION: 2024-10-21
                  RETRIES: 4
                  FORWARDED: os.environ/HOST_VALUE
                model_list:
                  - model_name: m
                    litellm_params:
                      model: azure/m
                      api_key: os.environ/OPENAI_API_KEY
                      api_version: os.environ/AZURE_API_VERSION
                      max_retries: os.environ/RETRIES
                      api_base: os.environ/FORWARDED
                """, Map.of("OPENAI_API_KEY", "sk-from-process", "HOST_VALUE", "https://h.example"));

        DeploymentConfig d = config.modelList().get(0);
        assertEquals("sk-from-file", d.apiKey());
        assertEquals("2024-10-21", d.apiVersion());
        assertEquals(4, d.maxRetries());
        assertEquals("https://h.example", d.apiBase());
        assertEquals(Map.of("OPENAI_API_KEY", "sk-from-file", "AZURE_API_VERSION", "2024-10-21", "RETRIES", "4",
                "FORWARDED", "https://h.example"), config.environmentVariables());
        assertEquals(List.of(), config.unsupportedKeys(), "max_retries is in effect");
    }

    @Test
    void litellmsAwsIdentityKeysAreSupportedAndReachTheAdapter() {
        GatewayConfig config = load("""
                model_list:
                  - model_name: claude
                    litellm_params:
                      model: bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0
                      aws_role_name: arn:aws:iam::123456789012:role/bedrock
                      aws_session_name: gateway
                      aws_external_id: ext-1
                      aws_profile_name: dev
                      aws_web_identity_token: /var/run/secrets/token
                      aws_sts_endpoint: https://sts.eu-west-1.amazonaws.com
                """, Map.of());

        assertEquals(List.of(), config.unsupportedKeys());
        Map<String, ?> params = config.modelList().get(0).extraParams();
        for (String key : List.of("aws_role_name", "aws_session_name", "aws_external_id", "aws_profile_name",
                "aws_web_identity_token", "aws_sts_endpoint")) {
            assertTrue(params.containsKey(key), key);
        }
    }

    @Test
    void reportsEveryUnsupportedKeyInFileOrderAndKeepsItsValue() {
        GatewayConfig config = load("""
                model_list:
                  - model_name: m
                    litellm_params:
                      model: openai/m
                      organization: org-1
                      vertex_project: my-project
                    model_info: {mode: chat}
                    unknown_entry_key: x
                litellm_settings:
                  drop_params: true
                  cache: true
                  cache_params: {type: redis, ttl: 600, s3_bucket_name: b}
                  success_callback: ["langfuse"]
                router_settings:
                  routing_strategy: simple-shuffle
                  allowed_fails: 3
                  cooldown_time: 0
                  fallbacks: [{gpt-4o: [gpt-4o-mini]}]
                  redis_host: localhost
                general_settings:
                  master_key: sk-1
                  database_url: postgresql://u:p@db:5432/litellm
                  alerting: [slack]
                mcp_servers:
                  github: {url: "https://mcp.example"}
                """, Map.of());

        assertEquals(List.of("model_list[0].unknown_entry_key",
                "router_settings.redis_host", "general_settings.alerting", "mcp_servers",
                "litellm_settings.cache_params.s3_bucket_name", "litellm_settings.success_callback: langfuse"),
                config.unsupportedKeys());
        assertEquals(600, config.litellmSettings().raw().at("/cache_params/ttl").intValue());
        assertEquals(3, config.routerSettings().allowedFails());
        assertEquals(Duration.ZERO, config.routerSettings().cooldownTime());
        assertEquals("gpt-4o-mini", config.routerSettings().fallbacks().at("/0/gpt-4o/0").asText());
        assertEquals("localhost", config.routerSettings().raw().get("redis_host").asText());
        assertEquals("postgresql://u:p@db:5432/litellm", config.generalSettings().raw().get("database_url").asText());
        assertEquals("https://mcp.example", config.document().at("/mcp_servers/github/url").asText());
        assertEquals("my-project", config.modelList().get(0).extraParams().get("vertex_project").asText());
    }

    @Test
    void lenientLoadTurnsUnsetVariablesIntoNull() {
        GatewayConfig config = ConfigLoader.loadLenient("example.yaml", new java.io.StringReader("""
                model_list:
                  - model_name: m
                    litellm_params: {model: openai/m, api_key: os.environ/OPENAI_API_KEY}
                general_settings:
                  master_key: os.environ/LITELLM_MASTER_KEY
                """), name -> java.util.Optional.empty());

        assertNull(config.modelList().get(0).apiKey());
        assertNull(config.generalSettings().masterKey());
        assertEquals(true, config.document().at("/general_settings/master_key").isNull());
    }
}
