package io.switchboard.completion;

import com.fasterxml.jackson.core.JsonGenerator;
import io.switchboard.chat.ChatChunk;
import io.switchboard.chat.ChatJsonWriter;
import io.switchboard.chat.ChatResponse;
import java.io.IOException;

/** Writes OpenAI's {@code text_completion} objects from the chat shapes they travel in. */
public final class CompletionJsonWriter {
    private CompletionJsonWriter() {
    }

    public static void writeResponse(JsonGenerator g, ChatResponse r) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", r.id());
        g.writeStringField("object", "text_completion");
        g.writeNumberField("created", r.created());
        g.writeStringField("model", r.model());
        g.writeArrayFieldStart("choices");
        for (ChatResponse.Choice c : r.choices()) {
            String text = c.message().text();
            writeChoice(g, c.index(), text == null ? "" : text, c.logprobs(), c.finishReason());
        }
        g.writeEndArray();
        if (r.usage() != null) {
            g.writeFieldName("usage");
            ChatJsonWriter.writeUsage(g, r.usage());
        }
        g.writeEndObject();
    }

    public static void writeChunk(JsonGenerator g, ChatChunk c, boolean withUsageField) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", c.id());
        g.writeStringField("object", "text_completion");
        g.writeNumberField("created", c.created());
        g.writeStringField("model", c.model());
        g.writeArrayFieldStart("choices");
        for (ChatChunk.Choice choice : c.choices()) {
            String text = choice.delta().content();
            writeChoice(g, choice.index(), text == null ? "" : text, choice.logprobs(), choice.finishReason());
        }
        g.writeEndArray();
        if (c.usage() != null) {
            g.writeFieldName("usage");
            ChatJsonWriter.writeUsage(g, c.usage());
        } else if (withUsageField) {
            g.writeNullField("usage");
        }
        g.writeEndObject();
    }

    private static void writeChoice(JsonGenerator g, int index, String text,
                                    com.fasterxml.jackson.databind.JsonNode logprobs, String finishReason)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("text", text);
        g.writeNumberField("index", index);
        g.writeFieldName("logprobs");
        if (logprobs == null) {
            g.writeNull();
        } else {
            g.writeTree(logprobs);
        }
        g.writeStringField("finish_reason", finishReason);
        g.writeEndObject();
    }
}
