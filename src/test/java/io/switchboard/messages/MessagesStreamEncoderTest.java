package io.switchboard.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.chat.CanonicalStream;
import io.switchboard.chat.ChatChunk;
import io.switchboard.chat.Usage;
import io.switchboard.chat.WireJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Canonical chunks (as {@link CanonicalStream} normalises them) as Anthropic's SSE events: the order
 * Anthropic's SDKs require (reference §1.4), {@code event:} lines, and an error event on failure.
 */
class MessagesStreamEncoderTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CanonicalStream canonical = new CanonicalStream("gpt-4o-mini", true, "chatcmpl-1", 1731000000L, 1);

    private MessagesStreamEncoder encoder() throws IOException {
        return new MessagesStreamEncoder(bytes, "gpt-4o-mini");
    }

    private static ChatChunk delta(String content, String reasoning, List<ChatChunk.ToolCallDelta> calls,
                                   String finish, Usage usage) {
        return new ChatChunk("chatcmpl-1", 1731000000L, "gpt-4o-mini", null,
                List.of(new ChatChunk.Choice(0, new ChatChunk.Delta(null, content, reasoning, null, calls), null,
                        finish)), usage);
    }

    private void feed(MessagesStreamEncoder sink, ChatChunk... upstream) throws IOException {
        for (ChatChunk c : upstream) {
            for (ChatChunk out : canonical.accept(c)) {
                sink.chunk(out, true);
            }
        }
        for (ChatChunk out : canonical.finish()) {
            sink.chunk(out, true);
        }
        sink.done();
    }

    /** Each event as "name data-json", after checking that the event line and the payload type agree. */
    private List<String> events() throws IOException {
        List<String> out = new ArrayList<>();
        for (String frame : bytes.toString(StandardCharsets.UTF_8).split("\n\n")) {
            String[] lines = frame.split("\n");
            assertEquals(2, lines.length, frame);
            String name = lines[0].substring("event: ".length());
            JsonNode data = WireJson.MAPPER.readTree(lines[1].substring("data: ".length()));
            assertEquals(name, data.get("type").asText());
            out.add(name + " " + data);
        }
        return out;
    }

    @Test
    void textStream() throws IOException {
        feed(encoder(), delta("Hel", null, null, null, null), delta("lo", null, null, null, null),
                delta(null, null, null, "stop", new Usage(12, 2, 14, 0, 0)));

        assertEquals(List.of(
                "message_start {\"type\":\"message_start\",\"message\":{\"id\":\"msg_chatcmpl-1\",\"type\":\"message\","
                        + "\"role\":\"assistant\",\"model\":\"gpt-4o-mini\",\"content\":[],\"stop_reason\":null,"
                        + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":0,\"cache_creation_input_tokens\":0,"
                        + "\"cache_read_input_tokens\":0,\"output_tokens\":0}}}",
                "ping {\"type\":\"ping\"}",
                "content_block_start {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                "content_block_delta {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hel\"}}",
                "content_block_delta {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"lo\"}}",
                "content_block_stop {\"type\":\"content_block_stop\",\"index\":0}",
                "message_delta {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
                        + "\"usage\":{\"input_tokens\":12,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,"
                        + "\"output_tokens\":2}}",
                "message_stop {\"type\":\"message_stop\"}"), events());
    }

    @Test
    void thinkingThenTextThenTwoToolCalls() throws IOException {
        feed(encoder(),
                delta(null, "Let me", null, null, null),
                delta(null, " think", null, null, null),
                new ChatChunk("chatcmpl-1", 1731000000L, "gpt-4o-mini", null, List.of(new ChatChunk.Choice(0,
                        new ChatChunk.Delta(null, null, null, null, null, "sig-1"), null, null)), null),
                delta("Checking.", null, null, null, null),
                delta(null, null, List.of(new ChatChunk.ToolCallDelta(0, "call_a", "function", "get_weather", "")), null, null),
                delta(null, null, List.of(new ChatChunk.ToolCallDelta(0, null, null, null, "{\"loc\":")), null, null),
                delta(null, null, List.of(new ChatChunk.ToolCallDelta(0, null, null, null, "\"Paris\"}")), null, null),
                delta(null, null, List.of(new ChatChunk.ToolCallDelta(1, "call_b", "function", "now", "{}")), null, null),
                delta(null, null, null, "tool_calls", Usage.of(30, 9)));

        List<String> kinds = events().stream().map(e -> {
            JsonNode data = parse(e.substring(e.indexOf(' ') + 1));
            return switch (data.get("type").asText()) {
                case "content_block_start" -> "start:" + data.get("index") + ":" + data.at("/content_block/type").asText()
                        + (data.at("/content_block/id").isMissingNode() ? "" : ":" + data.at("/content_block/id").asText());
                case "content_block_delta" -> data.at("/delta/type").asText() + ":" + data.get("index") + ":"
                        + data.get("delta").properties().stream().skip(1).findFirst().orElseThrow().getValue().asText();
                case "content_block_stop" -> "stop:" + data.get("index");
                case "message_delta" -> "message_delta:" + data.at("/delta/stop_reason").asText() + ":"
                        + data.at("/usage/output_tokens").asInt();
                default -> data.get("type").asText();
            };
        }).toList();
        assertEquals(List.of("message_start", "ping",
                "start:0:thinking", "thinking_delta:0:Let me", "thinking_delta:0: think", "signature_delta:0:sig-1", "stop:0",
                "start:1:text", "text_delta:1:Checking.", "stop:1",
                "start:2:tool_use:call_a", "input_json_delta:2:", "input_json_delta:2:{\"loc\":",
                "input_json_delta:2:\"Paris\"}", "stop:2",
                "start:3:tool_use:call_b", "input_json_delta:3:", "input_json_delta:3:{}", "stop:3",
                "message_delta:tool_use:9", "message_stop"), kinds);
    }

    @Test
    void aFailureAfterTheFirstByteIsAnErrorEvent() throws IOException {
        MessagesStreamEncoder sink = encoder();
        for (ChatChunk out : canonical.accept(delta("partial", null, null, null, null))) {
            sink.chunk(out, true);
        }
        sink.error(new GatewayException(ErrorKind.UPSTREAM_ERROR, "The provider's stream ended before the response"
                + " was complete.", null, "incomplete_stream"));

        List<String> events = events();
        assertEquals("error {\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"The provider's stream"
                + " ended before the response was complete.\"}}", events.get(events.size() - 1));
        assertEquals(5, events.size(), "message_start, ping, block start, delta, error: no message_stop");
    }

    private static JsonNode parse(String json) {
        try {
            return WireJson.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
