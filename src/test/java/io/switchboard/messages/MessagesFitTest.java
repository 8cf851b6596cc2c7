package io.switchboard.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.switchboard.chat.ChatRequest;
import io.switchboard.modelinfo.ModelFacts;
import io.switchboard.provider.Deployment;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What each provider is sent of an Anthropic request. */
class MessagesFitTest {
    private static Deployment deployment(String provider, Integer maxOutput) {
        return new Deployment("d", "g", provider, "m", URI.create("http://127.0.0.1:1/"), "k", null,
                Duration.ofSeconds(5), Duration.ofSeconds(5), null,
                new ModelFacts(null, maxOutput, null, null, null), false);
    }

    @Test
    void anthropicGetsEverythingAsSent() throws Exception {
        ChatRequest r = MessagesRequestReaderTest.read(MessagesRequestReaderTest.TOOL_ROUND_TRIP);
        assertSame(r, MessagesFit.INSTANCE.fit(r, deployment("anthropic", null)));
    }

    @Test
    void openAiGetsReasoningEffortAndNoAnthropicOnlyFields() throws Exception {
        ChatRequest r = MessagesRequestReaderTest.read(MessagesRequestReaderTest.TOOL_ROUND_TRIP);
        ChatRequest fitted = MessagesFit.INSTANCE.fit(r, deployment("openai", 512));

        assertEquals("medium", fitted.reasoningEffort(), "a 2048-token budget");
        assertNull(fitted.extra(), "thinking and top_k are not OpenAI parameters");
        assertNull(fitted.messages().get(2).extra(), "signed thinking blocks stay with Anthropic");
        assertEquals(512, fitted.maxTokens(), "lowered to the model's output limit");
        assertEquals(r.messages().get(2).toolCalls(), fitted.messages().get(2).toolCalls());
    }

    @Test
    void geminiKeepsTopK() throws Exception {
        ChatRequest r = MessagesRequestReaderTest.read(MessagesRequestReaderTest.TOOL_ROUND_TRIP);
        ChatRequest fitted = MessagesFit.INSTANCE.fit(r, deployment("gemini", null));
        assertEquals(5, fitted.extra().get("top_k").asInt());
        assertEquals(1024, fitted.maxTokens());
    }

    @Test
    void budgetsAsEfforts() throws Exception {
        var extra = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                "{\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024}}");
        assertEquals("low", MessagesFit.reasoningEffort((com.fasterxml.jackson.databind.node.ObjectNode) extra));
        ((com.fasterxml.jackson.databind.node.ObjectNode) extra.get("thinking")).put("budget_tokens", 10000);
        assertEquals("high", MessagesFit.reasoningEffort((com.fasterxml.jackson.databind.node.ObjectNode) extra));
        ((com.fasterxml.jackson.databind.node.ObjectNode) extra.get("thinking")).put("type", "disabled");
        assertNull(MessagesFit.reasoningEffort((com.fasterxml.jackson.databind.node.ObjectNode) extra));
    }
}
