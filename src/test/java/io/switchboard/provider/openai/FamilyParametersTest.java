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
    void openAiItselfIsSentEverything() throws Exception {
        JsonNode body = send(ask("\"logprobs\":true,\"n\":2,\"logit_bias\":{\"1\":1}"), deployment("openai", "gpt-4o",
                false));
        assertTrue(body.has("logprobs") && body.has("n") && body.has("logit_bias"));
    }
}
