package io.switchboard.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.GatewayException;
import io.switchboard.ErrorKind;
import io.switchboard.chat.ChatMessage;
import io.switchboard.chat.ChatResponse;
import io.switchboard.chat.ToolCall;
import io.switchboard.chat.Usage;
import io.switchboard.chat.WireJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A canonical response as an Anthropic Message, and errors in Anthropic's shape. */
class MessageJsonWriterTest {
    private static JsonNode write(ChatResponse r) throws Exception {
        return WireJson.MAPPER.readTree(WireJson.render(g -> MessageJsonWriter.writeMessage(g, r)));
    }

    private static ChatResponse response(ChatMessage m, String finish, Usage usage) {
        return new ChatResponse("chatcmpl-abc", 1731000000, "gpt-4o-mini-2024-07-18", null,
                List.of(new ChatResponse.Choice(0, m, finish, null)), usage);
    }

    @Test
    void textAnswer() throws Exception {
        JsonNode msg = write(response(ChatMessage.assistant("Hello", List.of()), "stop",
                new Usage(12, 7, 19, 2, 0)));

        assertEquals("msg_chatcmpl-abc", msg.get("id").asText());
        assertEquals("message", msg.get("type").asText());
        assertEquals("assistant", msg.get("role").asText());
        assertEquals("gpt-4o-mini-2024-07-18", msg.get("model").asText());
        assertEquals("[{\"type\":\"text\",\"text\":\"Hello\"}]", msg.get("content").toString());
        assertEquals("end_turn", msg.get("stop_reason").asText());
        assertTrue(msg.get("stop_sequence").isNull());
        assertEquals(10, msg.at("/usage/input_tokens").asInt(), "cache reads are not part of input_tokens");
        assertEquals(2, msg.at("/usage/cache_read_input_tokens").asInt());
        assertEquals(7, msg.at("/usage/output_tokens").asInt());
    }

    @Test
    void toolCallsAndReasoning() throws Exception {
        ChatMessage m = new ChatMessage("assistant", null, null,
                List.of(new ToolCall("call_1", "function", "get_weather", "{\"location\":\"Paris\"}"),
                        new ToolCall("call_2", "function", "now", "")),
                null, null, "thinking aloud", null);
        JsonNode msg = write(response(m, "tool_calls", Usage.of(3, 4)));

        JsonNode content = msg.get("content");
        assertEquals(3, content.size());
        assertEquals("thinking", content.at("/0/type").asText());
        assertEquals("thinking aloud", content.at("/0/thinking").asText());
        assertEquals("tool_use", content.at("/1/type").asText());
        assertEquals("call_1", content.at("/1/id").asText());
        assertEquals("Paris", content.at("/1/input/location").asText());
        assertEquals("{}", content.at("/2/input").toString());
        assertEquals("tool_use", msg.get("stop_reason").asText());
    }

    @Test
    void anthropicThinkingBlocksKeepTheirSignatures() throws Exception {
        var extra = (com.fasterxml.jackson.databind.node.ObjectNode) WireJson.MAPPER.readTree(
                "{\"thinking_blocks\":[{\"type\":\"thinking\",\"thinking\":\"t\",\"signature\":\"EqQB\"}]}");
        ChatMessage m = new ChatMessage("assistant", new io.switchboard.chat.MessageContent.Text("Hi"), null, null,
                null, null, "t", extra);
        JsonNode msg = write(new ChatResponse("msg_01X", 1, "claude", null,
                List.of(new ChatResponse.Choice(0, m, "length", null)), Usage.of(1, 1)));
        assertEquals("msg_01X", msg.get("id").asText());
        assertEquals("EqQB", msg.at("/content/0/signature").asText());
        assertEquals("Hi", msg.at("/content/1/text").asText());
        assertEquals("max_tokens", msg.get("stop_reason").asText());
    }

    @Test
    void stopReasons() {
        assertEquals("end_turn", MessageJsonWriter.stopReason("stop"));
        assertEquals("max_tokens", MessageJsonWriter.stopReason("length"));
        assertEquals("tool_use", MessageJsonWriter.stopReason("tool_calls"));
        assertEquals("refusal", MessageJsonWriter.stopReason("content_filter"));
    }

    @Test
    void errorsInAnthropicShape() throws Exception {
        JsonNode body = WireJson.MAPPER.readTree(AnthropicErrorJson.json(
                new GatewayException(ErrorKind.RATE_LIMITED, "slow down", null, "rate_limited")));
        assertEquals("error", body.get("type").asText());
        assertEquals("rate_limit_error", body.at("/error/type").asText());
        assertEquals("slow down", body.at("/error/message").asText());
        assertEquals("invalid_request_error", AnthropicErrorJson.type(GatewayException.missing("x")));
        assertEquals("overloaded_error", AnthropicErrorJson.type(
                new GatewayException(ErrorKind.UPSTREAM_UNAVAILABLE, "m", null, "c")));
    }
}
