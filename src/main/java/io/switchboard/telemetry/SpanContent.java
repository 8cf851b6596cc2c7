package io.switchboard.telemetry;

import com.fasterxml.jackson.core.JsonGenerator;
import io.switchboard.chat.ChatMessage;
import io.switchboard.chat.ChatResponse;
import io.switchboard.chat.WireJson;
import java.io.IOException;
import java.util.List;

/**
 * Prompts and completions as the GenAI conventions' {@code gen_ai.input.messages} /
 * {@code gen_ai.output.messages} JSON (role plus text parts), written only when content capture is
 * switched on.
 */
final class SpanContent {
    private SpanContent() {
    }

    static String inputMessages(List<ChatMessage> messages) {
        return WireJson.render(g -> {
            g.writeStartArray();
            for (ChatMessage m : messages) {
                message(g, m, null);
            }
            g.writeEndArray();
        });
    }

    static String outputMessages(List<ChatResponse.Choice> choices) {
        return WireJson.render(g -> {
            g.writeStartArray();
            for (ChatResponse.Choice c : choices) {
                message(g, c.message(), c.finishReason());
            }
            g.writeEndArray();
        });
    }

    private static void message(JsonGenerator g, ChatMessage m, String finishReason) throws IOException {
        g.writeStartObject();
        g.writeStringField("role", m.role());
        g.writeArrayFieldStart("parts");
        if (m.text() != null) {
            g.writeStartObject();
            g.writeStringField("type", "text");
            g.writeStringField("content", m.text());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (finishReason != null) {
            g.writeStringField("finish_reason", finishReason);
        }
        g.writeEndObject();
    }
}
