package io.switchboard.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.chat.ChatJsonWriter;
import io.switchboard.chat.ChatMessage;
import io.switchboard.chat.ChatResponse;
import io.switchboard.chat.MessageContent;
import io.switchboard.chat.ToolCall;
import io.switchboard.chat.Usage;
import io.switchboard.chat.WireJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * An answer as the cache keeps it: the canonical response in OpenAI's own JSON (so Redis holds
 * something an operator can read, and any instance of any version that reads OpenAI JSON can use it)
 * and when it was stored, for {@code s-maxage}.
 */
public record CachedAnswer(ChatResponse response, Instant storedAt) {
    private static final Set<String> MESSAGE_FIELDS = Set.of("role", "content", "tool_calls", "refusal",
            "reasoning_content");

    public boolean youngerThan(Duration maxAge, Instant now) {
        return maxAge == null || !storedAt.plus(maxAge).isBefore(now);
    }

    public byte[] toBytes() {
        return WireJson.render(g -> {
            g.writeStartObject();
            g.writeNumberField("stored_at_ms", storedAt.toEpochMilli());
            g.writeFieldName("response");
            ChatJsonWriter.writeResponse(g, response);
            g.writeEndObject();
        }).getBytes(StandardCharsets.UTF_8);
    }

    /** Reads a stored answer; null for bytes that are not one (an older format, a foreign key): a miss. */
    public static CachedAnswer fromBytes(byte[] bytes) {
        try {
            JsonNode root = WireJson.MAPPER.readTree(bytes);
            JsonNode r = root.path("response");
            if (!r.path("choices").isArray() || !root.path("stored_at_ms").canConvertToLong()) {
                return null;
            }
            List<ChatResponse.Choice> choices = new ArrayList<>();
            for (JsonNode c : r.path("choices")) {
                choices.add(new ChatResponse.Choice(c.path("index").asInt(), message(c.path("message")),
                        text(c, "finish_reason"), c.path("logprobs").isNull() ? null : c.get("logprobs")));
            }
            ChatResponse response = new ChatResponse(text(r, "id"), r.path("created").asLong(), text(r, "model"),
                    text(r, "system_fingerprint"), choices, usage(r.path("usage")));
            return new CachedAnswer(response, Instant.ofEpochMilli(root.path("stored_at_ms").asLong()));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static ChatMessage message(JsonNode m) {
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode call : m.path("tool_calls")) {
            calls.add(new ToolCall(text(call, "id"), text(call, "type"), text(call.path("function"), "name"),
                    text(call.path("function"), "arguments")));
        }
        ObjectNode extra = null;
        for (Iterator<String> names = m.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MESSAGE_FIELDS.contains(name)) {
                extra = extra == null ? WireJson.object() : extra;
                extra.set(name, m.get(name));
            }
        }
        String content = text(m, "content");
        return new ChatMessage(textOr(m, "role", "assistant"), content == null ? null : new MessageContent.Text(content),
                null, calls, null, text(m, "refusal"), text(m, "reasoning_content"), extra);
    }

    private static Usage usage(JsonNode u) {
        if (!u.isObject()) {
            return null;
        }
        return new Usage(u.path("prompt_tokens").asInt(), u.path("completion_tokens").asInt(),
                u.path("total_tokens").asInt(), u.path("prompt_tokens_details").path("cached_tokens").asInt(),
                u.path("completion_tokens_details").path("reasoning_tokens").asInt());
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() ? v.asText() : null;
    }

    private static String textOr(JsonNode node, String field, String fallback) {
        String v = text(node, field);
        return v == null ? fallback : v;
    }
}
