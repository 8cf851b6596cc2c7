package io.switchboard.provider.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.chat.ChatChunk;
import io.switchboard.provider.StreamDecoder;
import io.switchboard.provider.UpstreamEvent;
import java.util.List;

/**
 * Decodes Cohere's v2 chat stream (docs.cohere.com/reference/chat-stream). Every event names its
 * type in its JSON (and, from the API, in its {@code event:} line): text arrives as
 * {@code content-delta}, the tool plan as {@code tool-plan-delta} (sent as reasoning), tool calls as
 * {@code tool-call-start} (id and name) then {@code tool-call-delta} argument fragments under the
 * event's {@code index}, and {@code message-end} carries the finish reason and usage and ends the stream.
 */
final class CohereStreamDecoder implements StreamDecoder {
    private final String model;
    private String id;
    private boolean sawToolCall;
    private boolean done;

    CohereStreamDecoder(String model) {
        this.model = model;
    }

    @Override
    public List<ChatChunk> decode(UpstreamEvent event) {
        JsonNode root = CohereResponseReader.parse(event.data());
        String type = root.path("type").asText(event.type() == null ? "" : event.type());
        JsonNode message = root.path("delta").path("message");
        return switch (type) {
            case "message-start" -> {
                id = root.path("id").asText(null);
                yield List.of(chunk(new ChatChunk.Delta("assistant", null, null, null, null), null, null));
            }
            case "content-delta" -> {
                JsonNode content = message.path("content");
                String text = content.path("text").asText(null);
                String thinking = content.path("thinking").asText(null);
                yield text == null && thinking == null ? List.of()
                        : List.of(chunk(new ChatChunk.Delta(null, text, thinking, null, null), null, null));
            }
            case "tool-plan-delta" -> List.of(chunk(
                    new ChatChunk.Delta(null, null, message.path("tool_plan").asText(""), null, null), null, null));
            case "tool-call-start" -> {
                sawToolCall = true;
                JsonNode call = message.path("tool_calls");
                yield List.of(toolChunk(new ChatChunk.ToolCallDelta(root.path("index").asInt(0),
                        call.path("id").asText(null), "function", call.path("function").path("name").asText(null),
                        call.path("function").path("arguments").asText(""))));
            }
            case "tool-call-delta" -> List.of(toolChunk(new ChatChunk.ToolCallDelta(root.path("index").asInt(0),
                    null, null, null, message.path("tool_calls").path("function").path("arguments").asText(""))));
            case "message-end" -> {
                done = true;
                JsonNode delta = root.path("delta");
                String finish = CohereResponseReader.finishReason(delta.path("finish_reason").asText("COMPLETE"),
                        sawToolCall);
                yield List.of(chunk(ChatChunk.Delta.EMPTY, finish, CohereResponseReader.usage(delta.get("usage"))));
            }
            // content-start (an empty text part), content-end, tool-call-end, citation-start/-end: nothing to add.
            default -> List.of();
        };
    }

    @Override
    public boolean done() {
        return done;
    }

    private ChatChunk toolChunk(ChatChunk.ToolCallDelta call) {
        return chunk(new ChatChunk.Delta(null, null, null, null, List.of(call)), null, null);
    }

    private ChatChunk chunk(ChatChunk.Delta delta, String finishReason, io.switchboard.chat.Usage usage) {
        return new ChatChunk(id, 0, model, null, List.of(new ChatChunk.Choice(0, delta, null, finishReason)), usage);
    }
}
