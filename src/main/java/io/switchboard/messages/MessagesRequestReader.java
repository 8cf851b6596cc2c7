package io.switchboard.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.GatewayException;
import io.switchboard.chat.CallerOverrides;
import io.switchboard.chat.ChatMessage;
import io.switchboard.chat.ChatRequest;
import io.switchboard.chat.FieldReader;
import io.switchboard.chat.Tool;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads an Anthropic Messages request (docs.anthropic.com/en/api/messages) into the canonical chat request.
 * The typed fields map one to one ({@code stop_sequences} → {@code stop}, {@code metadata.user_id} →
 * {@code user}, {@code tool_choice} any → required); what only Anthropic understands ({@code thinking},
 * {@code top_k}, fields this reader does not know) is kept in {@code extra}, and {@link MessagesFit} decides
 * per deployment whether it is sent. Every refusal is a 400 naming the parameter, as Anthropic's own API does.
 */
public final class MessagesRequestReader {
    /** Fields read into typed components or translated; everything else goes to {@code extra}. */
    private static final Set<String> TYPED = Set.of("model", "messages", "system", "max_tokens", "stream",
            "tools", "tool_choice", "stop_sequences", "temperature", "top_p", "metadata");

    private MessagesRequestReader() {
    }

    /** A {@code /v1/messages} body: {@code max_tokens} is required, as Anthropic requires it. */
    public static ChatRequest read(JsonNode body) {
        return read(body, true);
    }

    /** A {@code /v1/messages/count_tokens} body: the same request without {@code max_tokens}. */
    public static ChatRequest readForCounting(JsonNode body) {
        return read(body, false);
    }

    private static ChatRequest read(JsonNode body, boolean maxTokensRequired) {
        FieldReader f = new FieldReader(body, "");
        CallerOverrides.reject(f);
        String model = f.requiredString("model");
        if (model.isBlank()) {
            throw GatewayException.invalidRequest("model: must not be empty.", "model");
        }
        Integer maxTokens = f.integer("max_tokens", 1, Integer.MAX_VALUE);
        if (maxTokens == null && maxTokensRequired) {
            throw GatewayException.missing("max_tokens");
        }
        List<ChatMessage> messages = new ArrayList<>();
        ChatMessage system = MessagesContent.system(f.get("system"));
        if (system != null) {
            messages.add(system);
        }
        messages.addAll(readMessages(f));
        JsonNode toolChoice = f.object("tool_choice");
        ObjectNode extra = f.fieldsOtherThan(TYPED);
        readThinking(extra);
        f.integer("top_k", 0, Integer.MAX_VALUE);
        return new ChatRequest(
                model,
                messages,
                Boolean.TRUE.equals(f.bool("stream")),
                true, // the encoder needs the usage for message_delta
                readTools(f),
                MessagesToolChoice.toolChoice(toolChoice),
                MessagesToolChoice.parallelToolCalls(toolChoice),
                null,
                null,
                maxTokens,
                null,
                f.number("temperature", 0, 1),
                f.number("top_p", 0, 1),
                readStopSequences(f),
                null,
                readUserId(f),
                null,
                null,
                null,
                null,
                extra);
    }

    private static List<ChatMessage> readMessages(FieldReader f) {
        JsonNode messages = f.array("messages");
        if (messages == null) {
            throw GatewayException.missing("messages");
        }
        if (messages.isEmpty()) {
            throw GatewayException.invalidRequest("messages: at least one message is required.", "messages");
        }
        List<ChatMessage> result = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            result.addAll(MessagesContent.message(messages.get(i), "messages." + i));
        }
        return result;
    }

    /**
     * Anthropic tools: {@code name}, {@code description}, {@code input_schema}. Server tools (web search,
     * code execution, bash, ...) run inside Anthropic's API and have no equivalent on other providers.
     */
    private static List<Tool> readTools(FieldReader f) {
        JsonNode tools = f.array("tools");
        if (tools == null) {
            return List.of();
        }
        List<Tool> result = new ArrayList<>(tools.size());
        for (int i = 0; i < tools.size(); i++) {
            FieldReader t = new FieldReader(tools.get(i), "tools." + i);
            String type = t.string("type");
            if (type != null && !type.equals("custom")) {
                throw GatewayException.invalidRequest("tools." + i + ".type: server tools ('" + type
                        + "') are not available through this gateway; define the tool with an input_schema.",
                        t.param("type"));
            }
            String name = t.requiredString("name");
            JsonNode schema = t.object("input_schema");
            if (schema == null) {
                throw GatewayException.missing(t.param("input_schema"));
            }
            result.add(new Tool("function", name, t.string("description"), schema, null));
        }
        return result;
    }

    private static List<String> readStopSequences(FieldReader f) {
        JsonNode stops = f.array("stop_sequences");
        if (stops == null) {
            return List.of();
        }
        List<String> result = new ArrayList<>(stops.size());
        for (JsonNode s : stops) {
            if (!s.isTextual()) {
                throw GatewayException.wrongType("stop_sequences", "an array of strings");
            }
            result.add(s.textValue());
        }
        return result;
    }

    /** Anthropic's {@code metadata} has one field, {@code user_id}: OpenAI's {@code user}. */
    private static String readUserId(FieldReader f) {
        JsonNode metadata = f.object("metadata");
        return metadata == null ? null : new FieldReader(metadata, "metadata").string("user_id");
    }

    /** {@code thinking}: {@code {"type":"enabled","budget_tokens":n}} (n ≥ 1024), or disabled. */
    private static void readThinking(ObjectNode extra) {
        JsonNode thinking = extra == null ? null : extra.get("thinking");
        if (thinking == null || thinking.isNull()) {
            return;
        }
        FieldReader t = new FieldReader(thinking, "thinking");
        String type = t.requiredString("type");
        switch (type) {
            case "enabled" -> {
                if (t.get("budget_tokens") == null) {
                    throw GatewayException.missing("thinking.budget_tokens");
                }
                t.integer("budget_tokens", 1024, Integer.MAX_VALUE);
            }
            case "disabled", "adaptive" -> { }
            default -> throw GatewayException.invalidRequest("thinking.type: '" + type
                    + "' is not one of 'enabled', 'disabled' or 'adaptive'.", "thinking.type");
        }
    }
}
