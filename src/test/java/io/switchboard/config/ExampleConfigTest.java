package io.switchboard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The built-in example must start on a bare machine: no provider keys, no master key. */
class ExampleConfigTest {
    private static final String RESOURCE = "config/example-config.yaml";

    private static Reader example() {
        var in = ExampleConfigTest.class.getClassLoader().getResourceAsStream(RESOURCE);
        assertNotNull(in, RESOURCE + " is on the classpath");
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    @Test
    void loadsLenientlyWithAnEmptyEnvironment() throws Exception {
        GatewayConfig config;
        try (Reader reader = example()) {
            config = ConfigLoader.loadLenient(RESOURCE, reader, name -> Optional.empty());
        }

        assertEquals(List.of("llama3.2", "gpt-4o-mini", "openai/*", "groq/*"),
                config.modelList().stream().map(DeploymentConfig::modelName).toList());
        DeploymentConfig ollama = config.modelList().get(0);
        assertEquals("ollama_chat", ollama.provider());
        assertEquals("llama3.2", ollama.upstreamModel());
        assertEquals("http://127.0.0.1:11434", ollama.apiBase());
        assertEquals("chat", ollama.modelInfo().get("mode").asText());
        DeploymentConfig gpt = config.modelList().get(1);
        assertNull(gpt.apiKey());
        assertEquals(Duration.ofSeconds(60), gpt.timeout());
        assertEquals(Duration.ofSeconds(30), gpt.streamTimeout());
        assertEquals("groq", config.modelList().get(3).provider());
        assertEquals("*", config.modelList().get(3).upstreamModel());
        assertNull(config.generalSettings().masterKey());
        assertEquals(32L * 1024 * 1024, config.generalSettings().maxRequestBodyBytes());
        assertTrue(config.litellmSettings().dropParams());
        assertEquals(Duration.ofSeconds(600), config.litellmSettingsRequestTimeout());
        assertEquals("simple-shuffle", config.routerSettings().routingStrategy());
        assertEquals(List.of(), config.unsupportedKeys(), "the example uses only what this version implements");
    }

    @Test
    void resolvesKeysThatAreSet() throws Exception {
        Map<String, String> env = Map.of("OPENAI_API_KEY", "sk-o",
                "LITELLM_MASTER_KEY", "sk-master");
        GatewayConfig config;
        try (Reader reader = example()) {
            config = ConfigLoader.loadLenient(RESOURCE, reader, name -> Optional.ofNullable(env.get(name)));
        }

        assertEquals("sk-o", config.modelList().get(1).apiKey());
        assertEquals("sk-o", config.modelList().get(2).apiKey());
        // groq/* names no key: the gateway falls back to GROQ_API_KEY when it builds the deployment.
        assertNull(config.modelList().get(3).apiKey());
        assertEquals("sk-master", config.generalSettings().masterKey());
    }

    @Test
    void aStrictLoadOfTheExampleWouldFailWhichIsWhyItIsLoadedLeniently() throws Exception {
        try (Reader reader = example()) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> ConfigLoader.load(RESOURCE, reader, name -> Optional.empty()));
            assertTrue(e.getMessage().matches(RESOURCE + " line \\d+: model_list\\[1]\\.litellm_params\\.api_key"
                    + " refers to os\\.environ/OPENAI_API_KEY, which is not set"), e.getMessage());
        }
    }
}
