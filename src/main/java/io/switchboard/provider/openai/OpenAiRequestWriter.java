package io.switchboard.provider.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import io.switchboard.chat.ChatJsonWriter;
import io.switchboard.chat.ChatMessage;
import io.switchboard.chat.ChatRequest;
import io.switchboard.chat.Tool;
import io.switchboard.chat.WireJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes a canonical request as an OpenAI Chat Completions body for one provider of the family. */
final class OpenAiRequestWriter {
    private OpenAiRequestWriter() {
    }

    static byte[] write(ChatRequest r, String upstreamModel, String provider) {
        return WireJson.render(g -> writeBody(g, r, upstreamModel, provider)).getBytes(StandardCharsets.UTF_8);
    }

    private static void writeBody(JsonGenerator g, ChatRequest r, String upstreamModel, String provider)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("model", upstreamModel);
        g.writeArrayFieldStart("messages");
        for (ChatMessage m : r.messages()) {
            writeRequestMessage(g, m);
        }
        g.writeEndArray();
        if (r.stream()) {
            g.writeBooleanField("stream", true);
            // Always ask for usage: the gateway bills every stream, whether or not the client wants usage.
            g.writeObjectFieldStart("stream_options");
            g.writeBooleanField("include_usage", true);
            g.writeEndObject();
        }
        if (!r.tools().isEmpty()) {
            writeTools(g, r);
        }
        if (r.toolChoice() != null) {
            g.writeFieldName("tool_choice");
            writeToolChoice(g, r, provider);
        }
        optional(g, "parallel_tool_calls", r.parallelToolCalls());
        if (r.responseFormat() != null) {
            g.writeFieldName("response_format");
            g.writeTree(r.responseFormat());
        }
        optional(g, "n", r.n());
        optional(g, "max_tokens", r.maxTokens());
        optional(g, "max_completion_tokens", r.maxCompletionTokens());
        optional(g, "temperature", r.temperature());
        optional(g, "top_p", r.topP());
        if (!r.stop().isEmpty()) {
            g.writeArrayFieldStart("stop");
            for (String s : r.stop()) {
                g.writeString(s);
            }
            g.writeEndArray();
        }
        if (r.seed() != null) {
            // Mistral names the same thing random_seed.
            g.writeNumberField(provider.equals("mistral") ? "random_seed" : "seed", r.seed());
        }
        optional(g, "user", r.user());
        if (r.metadata() != null) {
            g.writeFieldName("metadata");
            g.writeTree(r.metadata());
        }
        optional(g, "logprobs", r.logprobs());
        optional(g, "top_logprobs", r.topLogprobs());
        optional(g, "reasoning_effort", r.reasoningEffort());
        ChatJsonWriter.writeExtra(g, r.extra());
        g.writeEndObject();
    }

    /** A request message: like a response message, but without the fields only responses carry. */
    private static void writeRequestMessage(JsonGenerator g, ChatMessage m) throws IOException {
        ChatJsonWriter.writeMessage(g, new ChatMessage(m.role(), m.content(), m.name(), m.toolCalls(),
                m.toolCallId(), null, null, m.extra()), false);
    }

    private static void writeTools(JsonGenerator g, ChatRequest r) throws IOException {
        g.writeArrayFieldStart("tools");
        for (Tool t : r.tools()) {
            g.writeStartObject();
            g.writeStringField("type", t.type());
            g.writeObjectFieldStart("function");
            g.writeStringField("name", t.name());
            if (t.description() != null) {
                g.writeStringField("description", t.description());
            }
            if (t.parameters() != null) {
                g.writeFieldName("parameters");
                g.writeTree(t.parameters());
            }
            if (t.strict() != null) {
                g.writeBooleanField("strict", t.strict());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeToolChoice(JsonGenerator g, ChatRequest r, String provider) throws IOException {
        // Mistral spells "required" as "any" (docs.mistral.ai, function calling).
        if (provider.equals("mistral") && r.toolChoice().isTextual() && r.toolChoice().textValue().equals("required")) {
            g.writeString("any");
        } else {
            g.writeTree(r.toolChoice());
        }
    }

    private static void optional(JsonGenerator g, String name, Object value) throws IOException {
        if (value == null) {
            return;
        }
        g.writeFieldName(name);
        if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Integer i) {
            g.writeNumber(i);
        } else if (value instanceof Double d) {
            g.writeNumber(d);
        } else {
            g.writeString(value.toString());
        }
    }
}
