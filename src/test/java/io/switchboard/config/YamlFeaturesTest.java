package io.switchboard.config;

import static io.switchboard.config.ConfigLoaderTest.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** YAML features real LiteLLM configs use: anchors, merge keys, YAML 1.2 scalars. */
class YamlFeaturesTest {

    @Test
    void anchorsAndMergeKeysShareParamsWithExplicitKeysWinning() {
        GatewayConfig config = load("""
                x-common: &common
                  api_base: https://gateway.internal/v1
                  rpm: 100
                model_list:
                  - model_name: a
                    litellm_params:
                      <<: *common
                      model: openai/a
                  - model_name: b
                    litellm_params:
                      <<: *common
                      model: openai/b
                      rpm: 7
                """, Map.of());

        assertEquals(List.of("https://gateway.internal/v1", "https://gateway.internal/v1"),
                config.modelList().stream().map(DeploymentConfig::apiBase).toList());
        assertEquals(List.of(100L, 7L), config.modelList().stream().map(DeploymentConfig::rpm).toList());
        assertEquals(List.of("x-common"), config.unsupportedKeys(), "rpm is in effect (usage-based routing)");
    }

    @Test
    void coreSchemaScalarsBecomeTypedJson() {
        GatewayConfig config = load("""
                model_list:
                  - model_name: m
                    litellm_params:
                      model: openai/m
                      rpm: 0x20
                      seed: 0o17
                      flag: True
                      nothing: ~
                      date_like: 2024-10-21
                      big: 12345678901
                """, Map.of());

        DeploymentConfig d = config.modelList().get(0);
        assertEquals(32L, d.rpm());
        assertEquals(15, d.extraParams().get("seed").intValue());
        assertEquals(true, d.extraParams().get("flag").booleanValue());
        assertEquals(true, d.extraParams().get("nothing").isNull());
        assertEquals("2024-10-21", d.extraParams().get("date_like").textValue());
        assertEquals(12345678901L, d.extraParams().get("big").longValue());
    }

    @Test
    void anAliasToItsOwnAncestorIsAnErrorNotALoop() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("""
                model_list: &list
                  - model_name: m
                    litellm_params: {model: openai/m, tags: *list}
                """, Map.of()));

        assertEquals("config.yaml line 3: model_list[0].litellm_params.tags is an alias (*name) of a value that"
                + " contains it, which has no end", e.getMessage());
    }
}
