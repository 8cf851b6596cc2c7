package io.switchboard.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.chat.ChatRequestReader;
import io.switchboard.provider.Deployment;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parameters members of the OpenAI family document they refuse: a 400 naming them, or dropped with drop_params. */
class FamilyParametersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final OpenAiAdapter adapter = new OpenAiAdapter();

    private static Deployment deployment(String provider, String model, boolean drop) {
        return new Deployment("d", "group", provider, model, URI.create("http://up/v1"), "sk-up", null,
                Duration.ofSeconds(5), Duration.ofSeconds(5), Map.of(), null, drop);
    }

    private JsonNode send(String json, Deployment d) throws Exception {
        return JSON.readTree(adapter.toProviderRequest(ChatRequestReader.read(JSON.readTree(json)), d).body());
    }

    private static String ask(String field) {
        return "{\"model\":\"g\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]," + field + "}";
    }

    @ParameterizedTest
    @ValueSource(strings = {"logprobs:\"logprobs\":true", "top_logprobs:\"top_logprobs\":2",
            "logit_bias:\"logit_bias\":{\"50256\":-100}", "n:\"n\":2"})
    void groqRefusesWhatItsDocumentationSaysItAnswers400To(String caseText) throws Exception {
        String[] parts = caseText.split(":", 2);
        GatewayException refused = assertThrows(GatewayException.class,
                () -> send(ask(parts[1]), deployment("groq", "llama-3.3-70b-versatile", false)));
        assertEquals(ErrorKind.INVALID_REQUEST, refused.kind());
        assertEquals(parts[0], refused.param());

        JsonNode dropped = send(ask(parts[1]), deployment("groq", "llama-3.3-70b-versatile", true));
        assertFalse(dropped.has(parts[0]), dropped.toString());
        assertEquals("hi", dropped.at("/messages/0/content").asText(), "the rest of the request is intact");
    }

    @Test
    void groqRefusesMessageNamesAndDropsOnlyTheName() throws Exception {
        String named = "{\"model\":\"g\",\"messages\":[{\"role\":\"system\",\"content\":\"s\"},"
                + "{\"role\":\"user\",\"name\":\"alice\",\"content\":\"hi\"}]}";
        GatewayException refused = assertThrows(GatewayException.class,
                () -> send(named, deployment("groq", "llama-3.3-70b-versatile", false)));
        assertEquals("messages[1].name", refused.param());
        JsonNode dropped = send(named, deployment("groq", "llama-3.3-70b-versatile", true));
        assertFalse(dropped.at("/messages/1").has("name"));
        assertEquals("hi", dropped.at("/messages/1/content").asText());
        assertEquals(1, send(ask("\"n\":1"), deployment("groq", "m", false)).get("n").asInt(), "n=1 is fine");
    }

    @Test
    void deepSeeksReasonerRefusesLogprobsAndItsChatModelTakesThem() throws Exception {
        assertEquals("logprobs", assertThrows(GatewayException.class,
                () -> send(ask("\"logprobs\":true"), deployment("deepseek", "deepseek-reasoner", false))).param());
        assertTrue(send(ask("\"logprobs\":true"), deployment("deepseek", "deepseek-chat", false)).get("logprobs")
                .asBoolean());
        assertFalse(send(ask("\"logprobs\":true,\"top_logprobs\":2"), deployment("deepseek", "deepseek-reasoner",
                true)).has("top_logprobs"));
    }

    @Test
    void mistralRefusesLogprobsAndLogitBiasAndLeavesMessageNamesOut() throws Exception {
        for (String field : new String[] {"logprobs:\"logprobs\":true", "top_logprobs:\"top_logprobs\":2",
                "logit_bias:\"logit_bias\":{\"1\":1}"}) {
            String[] parts = field.split(":", 2);
            GatewayException e = assertThrows(GatewayException.class,
                    () -> send(ask(parts[1]), deployment("mistral", "mistral-large-latest", false)));
            assertEquals(parts[0], e.param());
            assertFalse(send(ask(parts[1]), deployment("mistral", "mistral-large-latest", true)).has(parts[0]));
        }
        JsonNode named = send("{\"model\":\"g\",\"seed\":7,\"messages\":[{\"role\":\"user\",\"name\":\"ann\","
                + "\"content\":\"hi\"}]}", deployment("mistral", "mistral-large-latest", false));
        assertFalse(named.at("/messages/0").has("name"), "Mistral forbids extra fields; LiteLLM leaves it out");
        assertEquals(7, named.get("random_seed").asInt());
        assertFalse(named.has("seed"));
    }

    @Test
    void xaisReasoningModelsRefuseStopAndPenaltiesAndOnlyGrok3MiniTakesReasoningEffort() throws Exception {
        for (String field : new String[] {"stop:\"stop\":[\"END\"]", "presence_penalty:\"presence_penalty\":0.5",
                "frequency_penalty:\"frequency_penalty\":0.5"}) {
            String[] parts = field.split(":", 2);
            for (String model : new String[] {"grok-3-mini", "grok-4-0709", "grok-code-fast-1"}) {
                GatewayException e = assertThrows(GatewayException.class,
                        () -> send(ask(parts[1]), deployment("xai", model, false)), model);
                assertEquals(parts[0], e.param());
                assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
                assertFalse(send(ask(parts[1]), deployment("xai", model, true)).has(parts[0]));
            }
            assertTrue(send(ask(parts[1]), deployment("xai", "grok-3", false)).has(parts[0]), "grok-3 takes it");
        }
        assertEquals("high", send(ask("\"reasoning_effort\":\"high\""), deployment("xai", "grok-3-mini", false))
                .get("reasoning_effort").asText());
        assertEquals("reasoning_effort", assertThrows(GatewayException.class,
                () -> send(ask("\"reasoning_effort\":\"high\""), deployment("xai", "grok-4-0709", false))).param());
        assertFalse(send(ask("\"reasoning_effort\":\"high\""), deployment("xai", "grok-4-0709", true))
                .has("reasoning_effort"));
    }

    @Test
    void membersThatDocumentNoRefusalAreSentWhatTheClientWrote() throws Exception {
        for (String provider : new String[] {"together_ai", "fireworks_ai", "openrouter", "perplexity"}) {
            JsonNode body = send(ask("\"logprobs\":true,\"stop\":[\"END\"],\"presence_penalty\":0.5"),
                    deployment(provider, "some-model", false));
            assertTrue(body.has("logprobs") && body.has("stop") && body.has("presence_penalty"), provider);
        }
    }

    @Test
    void openAiItselfIsSentEverything() throws Exception {
        JsonNode body = send(ask("\"logprobs\":true,\"n\":2,\"logit_bias\":{\"1\":1}"), deployment("openai", "gpt-4o",
                false));
        assertTrue(body.has("logprobs") && body.has("n") && body.has("logit_bias"));
    }
}
