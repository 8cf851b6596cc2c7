package io.switchboard.provider.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.chat.ChatChunk;
import io.switchboard.chat.ToolCall;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.StreamDecoder;
import io.switchboard.provider.UpstreamEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes an Ollama NDJSON chat stream: each line adds {@code message.content},
 * {@code message.thinking} (sent as reasoning) or whole tool calls; the line with {@code done: true}
 * carries the finish reason and the token counts and ends the stream. A line {@code {"error": ...}}
 * is the model failing mid-stream.
 */
final class OllamaStreamDecoder implements StreamDecoder {
    private final Deployment deployment;
    private int toolCalls;
    private boolean done;

    OllamaStreamDecoder(Deployment deployment) {
        this.deployment = deployment;
    }

    @Override
    public List<ChatChunk> decode(UpstreamEvent event) {
        JsonNode root = OllamaResponseReader.parse(event.data(), deployment);
        JsonNode m = root.path("message");
        List<ChatChunk.ToolCallDelta> calls = new ArrayList<>();
        for (ToolCall call : OllamaResponseReader.toolCalls(m)) {
            calls.add(new ChatChunk.ToolCallDelta(toolCalls++, call.id(), "function", call.name(), call.arguments()));
        }
        String content = m.path("content").asText("");
        String thinking = m.path("thinking").asText("");
        ChatChunk.Delta delta = new ChatChunk.Delta(null, content.isEmpty() ? null : content,
                thinking.isEmpty() ? null : thinking, null, calls);
        String finish = OllamaResponseReader.finishReason(root, toolCalls > 0);
        done = finish != null;
        if (delta.isEmpty() && finish == null) {
            return List.of();
        }
        return List.of(new ChatChunk(null, OllamaResponseReader.created(root), root.path("model").asText(null), null,
                List.of(new ChatChunk.Choice(0, delta, null, finish)), done ? OllamaResponseReader.usage(root) : null));
    }

    @Override
    public boolean done() {
        return done;
    }
}
