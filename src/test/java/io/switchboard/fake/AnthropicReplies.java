package io.switchboard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * FakeAnthropic's deterministic answers, as Messages API bodies and stream events (reference §3.2). Derived from
 * the request so tests can predict them:
 * <ul>
 * <li>after tool results: text {@code "Results: <tool_result contents joined by ', '>"};</li>
 * <li>with {@code tools} and a {@code tool_choice} other than none: one {@code tool_use} of the named tool (or the
 * first), its input built from the schema (strings = the user's text), preceded by a short text block unless the
 * choice forced the tool, as Claude does;</li>
 * <li>otherwise text {@code "Echo: <last user text>"}, cut to {@code max_tokens} words (stop_reason max_tokens).</li>
 * </ul>
 * Tokens are whitespace-separated words.
 */
final class AnthropicReplies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AnthropicReplies() {
    }

    /** The content blocks and stop reason of the answer. */
    record Reply(List<ObjectNode> blocks, String stopReason, int inputTokens, int outputTokens) {
    }

    static Reply to(JsonNode request) {
        Reply reply = answer(request);
        if (!request.path("thinking").path("type").asText().equals("enabled")) {
            return reply;
        }
        String thought = "Thinking about: " + textOf(lastMessage(request).path("content"));
        List<ObjectNode> blocks = new ArrayList<>();
        blocks.add(JSON.createObjectNode().put("type", "thinking").put("thinking", thought)
                .put("signature", signature(thought)));
        blocks.addAll(reply.blocks());
        return new Reply(blocks, reply.stopReason(), reply.inputTokens(), reply.outputTokens() + words(thought));
    }

    /** A stand-in for Anthropic's opaque signature, derived from the thinking so the fake can verify it came back. */
    static String signature(String thinking) {
        return "EqFakeSig" + Integer.toHexString(thinking.hashCode());
    }

    private static JsonNode lastMessage(JsonNode request) {
        return request.path("messages").get(request.path("messages").size() - 1);
    }

    private static Reply answer(JsonNode request) {
        JsonNode last = request.path("messages").get(request.path("messages").size() - 1);
        int input = Math.max(1, words(allText(request)));
        List<String> results = new ArrayList<>();
        for (JsonNode block : last.path("content")) {
            if (block.path("type").asText().equals("tool_result")) {
                results.add(textOf(block.path("content")));
            }
        }
        if (!results.isEmpty()) {
            String text = "Results: " + String.join(", ", results);
            return new Reply(List.of(text(text)), "end_turn", input, words(text));
        }
        String userText = textOf(last.path("content"));
        JsonNode choice = request.path("tool_choice");
        String choiceType = choice.path("type").asText("auto");
        if (request.path("tools").size() > 0 && !choiceType.equals("none")) {
            JsonNode tool = request.path("tools").get(0);
            for (JsonNode t : request.path("tools")) {
                if (choiceType.equals("tool") && t.path("name").asText().equals(choice.path("name").asText())) {
                    tool = t;
                }
            }
            List<ObjectNode> blocks = new ArrayList<>();
            if (!choiceType.equals("tool") && !choiceType.equals("any")) {
                blocks.add(text("Let me call " + tool.path("name").asText() + "."));
            }
            ObjectNode use = JSON.createObjectNode().put("type", "tool_use").put("id", "toolu_01Fake"
                    + tool.path("name").asText()).put("name", tool.path("name").asText());
            use.set("input", sample(tool.path("input_schema"), userText));
            blocks.add(use);
            return new Reply(blocks, "tool_use", input, 1 + words(use.get("input").toString()));
        }
        String text = "Echo: " + userText;
        int limit = request.path("max_tokens").asInt();
        if (words(text) > limit) {
            text = String.join(" ", Arrays.asList(text.split("\\s+")).subList(0, limit));
            return new Reply(List.of(text(text)), "max_tokens", input, limit);
        }
        return new Reply(List.of(text(text)), "end_turn", input, words(text));
    }

    static ObjectNode message(String id, String model, Reply reply) {
        ObjectNode message = JSON.createObjectNode().put("id", id).put("type", "message").put("role", "assistant")
                .put("model", model);
        ArrayNode content = message.putArray("content");
        reply.blocks().forEach(content::add);
        message.put("stop_reason", reply.stopReason()).putNull("stop_sequence");
        message.set("usage", usage(reply.inputTokens(), reply.outputTokens()));
        return message;
    }

    /** The stream of events, as the API sends them: each as {@code [eventName, dataJson]}. */
    static List<String[]> events(String id, String model, Reply reply) {
        List<String[]> events = new ArrayList<>();
        ObjectNode start = message(id, model, reply);
        start.putArray("content");
        start.putNull("stop_reason");
        start.set("usage", usage(reply.inputTokens(), 1));
        events.add(event("message_start", JSON.createObjectNode().put("type", "message_start").set("message", start)));
        for (int i = 0; i < reply.blocks().size(); i++) {
            ObjectNode block = reply.blocks().get(i);
            boolean tool = block.path("type").asText().equals("tool_use");
            boolean thinking = block.path("type").asText().equals("thinking");
            ObjectNode empty = block.deepCopy();
            if (tool) {
                empty.putObject("input");
            } else if (thinking) {
                empty.put("thinking", "").put("signature", "");
            } else {
                empty.put("text", "");
            }
            events.add(event("content_block_start", JSON.createObjectNode().put("type", "content_block_start")
                    .put("index", i).set("content_block", empty)));
            if (i == 0) {
                events.add(new String[] {"ping", "{\"type\": \"ping\"}"});
            }
            List<String> pieces = new ArrayList<>();
            if (tool) {
                String input = block.get("input").toString();
                pieces.add(""); // the real API's first fragment is empty (reference §3.2)
                pieces.add(input.substring(0, input.length() / 2));
                pieces.add(input.substring(input.length() / 2));
            } else {
                for (String word : block.path(thinking ? "thinking" : "text").asText().split("(?<= )")) {
                    pieces.add(word);
                }
            }
            for (String piece : pieces) {
                ObjectNode delta = tool
                        ? JSON.createObjectNode().put("type", "input_json_delta").put("partial_json", piece)
                        : thinking ? JSON.createObjectNode().put("type", "thinking_delta").put("thinking", piece)
                        : JSON.createObjectNode().put("type", "text_delta").put("text", piece);
                events.add(event("content_block_delta", JSON.createObjectNode().put("type", "content_block_delta")
                        .put("index", i).set("delta", delta)));
            }
            if (thinking) { // the signature comes last, in its own delta (reference §3.2)
                events.add(event("content_block_delta", JSON.createObjectNode().put("type", "content_block_delta")
                        .put("index", i).set("delta", JSON.createObjectNode().put("type", "signature_delta")
                                .put("signature", block.path("signature").asText()))));
            }
            events.add(event("content_block_stop", JSON.createObjectNode().put("type", "content_block_stop")
                    .put("index", i)));
        }
        ObjectNode delta = JSON.createObjectNode().put("type", "message_delta");
        delta.putObject("delta").put("stop_reason", reply.stopReason()).putNull("stop_sequence");
        delta.set("usage", usage(reply.inputTokens(), reply.outputTokens()));
        events.add(event("message_delta", delta));
        events.add(event("message_stop", JSON.createObjectNode().put("type", "message_stop")));
        return events;
    }

    private static String[] event(String name, JsonNode data) {
        return new String[] {name, data.toString()};
    }

    private static ObjectNode usage(int input, int output) {
        ObjectNode usage = JSON.createObjectNode().put("input_tokens", input).put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", 0);
        usage.putObject("cache_creation").put("ephemeral_5m_input_tokens", 0).put("ephemeral_1h_input_tokens", 0);
        return usage.put("output_tokens", output).put("service_tier", "standard");
    }

    private static ObjectNode text(String text) {
        return JSON.createObjectNode().put("type", "text").put("text", text);
    }

    /** A sample value for a JSON schema: strings are {@code text}, numbers 1, booleans true. */
    private static JsonNode sample(JsonNode schema, String text) {
        ObjectNode out = JSON.createObjectNode();
        schema.path("properties").properties().forEach(p -> {
            switch (p.getValue().path("type").asText()) {
                case "integer", "number" -> out.put(p.getKey(), 1);
                case "boolean" -> out.put(p.getKey(), true);
                case "object" -> out.set(p.getKey(), sample(p.getValue(), text));
                case "array" -> out.putArray(p.getKey());
                default -> out.put(p.getKey(), text);
            }
        });
        return out;
    }

    static String textOf(JsonNode content) {
        if (content.isTextual()) {
            return content.textValue();
        }
        List<String> parts = new ArrayList<>();
        content.forEach(b -> {
            if (b.path("type").asText().equals("text")) {
                parts.add(b.path("text").asText());
            }
        });
        return String.join(" ", parts);
    }

    private static String allText(JsonNode request) {
        StringBuilder all = new StringBuilder(textOf(request.path("system")));
        request.path("messages").forEach(m -> all.append(' ').append(textOf(m.path("content"))));
        return all.toString();
    }

    static int words(String text) {
        return text == null || text.isBlank() ? 0 : text.trim().split("\\s+").length;
    }
}
