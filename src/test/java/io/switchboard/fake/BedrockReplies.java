package io.switchboard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The fake Bedrock's deterministic Converse answers (reference §3.3), derived from the request so tests can predict
 * them: {@code "Echo: <last user text>"} (a tool result's text when the last turn answers a tool); with a
 * {@code toolConfig} and a last turn that is not a tool result, a {@code toolUse} of the tool {@code toolChoice}
 * names (else the first) with arguments built from its schema; {@code inferenceConfig.maxTokens} cuts the text to
 * that many words ({@code stopReason: max_tokens}). Tokens are whitespace-separated words. Streams follow the real
 * order: messageStart, deltas (tool blocks open with contentBlockStart; text blocks do not), contentBlockStop,
 * messageStop, then metadata with usage; every payload carries the random-length {@code "p"} padding Bedrock adds.
 */
final class BedrockReplies {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Reply(String text, String toolId, String toolName, ObjectNode toolInput, String stopReason, int input,
                 int output) {
    }

    private BedrockReplies() {
    }

    static Reply to(JsonNode request) {
        JsonNode last = null;
        int input = 0;
        for (JsonNode message : request.path("messages")) {
            for (JsonNode block : message.path("content")) {
                input += words(blockText(block));
            }
            last = message;
        }
        for (JsonNode block : request.path("system")) {
            input += words(block.path("text").asText(""));
        }
        String lastText = "";
        boolean answersTool = false;
        for (JsonNode block : last == null ? JSON.createArrayNode() : last.path("content")) {
            answersTool |= block.has("toolResult");
            lastText = (lastText + " " + blockText(block)).trim();
        }
        JsonNode tools = request.path("toolConfig").path("tools");
        if (tools.size() > 0 && !answersTool) {
            String wanted = request.path("toolConfig").path("toolChoice").path("tool").path("name").asText(null);
            JsonNode tool = tools.get(0).path("toolSpec");
            for (JsonNode t : tools) {
                if (t.path("toolSpec").path("name").asText().equals(wanted)) {
                    tool = t.path("toolSpec");
                }
            }
            ObjectNode arguments = JSON.createObjectNode();
            String value = lastText;
            tool.path("inputSchema").path("json").path("properties").fieldNames()
                    .forEachRemaining(name -> arguments.put(name, value));
            return new Reply(null, "tooluse_" + Integer.toHexString(lastText.hashCode() & 0xffffff),
                    tool.path("name").asText(), arguments, "tool_use", input, 1 + words(arguments.toString()));
        }
        String text = "Echo: " + lastText;
        String stop = "end_turn";
        JsonNode max = request.path("inferenceConfig").get("maxTokens");
        if (max != null && words(text) > max.asInt()) {
            text = String.join(" ", List.of(text.split("\\s+")).subList(0, max.asInt()));
            stop = "max_tokens";
        }
        return new Reply(text, null, null, null, stop, input, words(text));
    }

    static ObjectNode converse(Reply reply) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("metrics").put("latencyMs", 42);
        ObjectNode message = body.putObject("output").putObject("message");
        message.put("role", "assistant");
        ArrayNode content = message.putArray("content");
        if (reply.text() != null) {
            content.addObject().put("text", reply.text());
        } else {
            ObjectNode use = content.addObject().putObject("toolUse");
            use.put("toolUseId", reply.toolId());
            use.put("name", reply.toolName());
            use.set("input", reply.toolInput());
        }
        body.put("stopReason", reply.stopReason());
        body.set("usage", usage(reply));
        return body;
    }

    /** The stream's events, each as {@code {"<eventType>": payload}} for {@link BedrockFrames#encode}. */
    static List<ObjectNode> stream(Reply reply) {
        List<ObjectNode> events = new ArrayList<>();
        ObjectNode start = JSON.createObjectNode().put("role", "assistant");
        events.add(event("messageStart", start));
        if (reply.text() != null) {
            String[] words = reply.text().split("(?<= )");
            for (String word : words) {
                ObjectNode delta = JSON.createObjectNode().put("contentBlockIndex", 0);
                delta.putObject("delta").put("text", word);
                events.add(event("contentBlockDelta", delta));
            }
        } else {
            ObjectNode blockStart = JSON.createObjectNode().put("contentBlockIndex", 0);
            ObjectNode use = blockStart.putObject("start").putObject("toolUse");
            use.put("toolUseId", reply.toolId());
            use.put("name", reply.toolName());
            events.add(event("contentBlockStart", blockStart));
            String json = reply.toolInput().toString();
            for (String piece : List.of(json.substring(0, json.length() / 2), json.substring(json.length() / 2))) {
                ObjectNode delta = JSON.createObjectNode().put("contentBlockIndex", 0);
                delta.putObject("delta").putObject("toolUse").put("input", piece);
                events.add(event("contentBlockDelta", delta));
            }
        }
        events.add(event("contentBlockStop", JSON.createObjectNode().put("contentBlockIndex", 0)));
        ObjectNode stop = JSON.createObjectNode().put("stopReason", reply.stopReason());
        events.add(event("messageStop", stop));
        ObjectNode metadata = JSON.createObjectNode();
        metadata.set("usage", usage(reply));
        metadata.putObject("metrics").put("latencyMs", 42);
        events.add(event("metadata", metadata));
        return events;
    }

    private static ObjectNode event(String type, ObjectNode payload) {
        if (!type.equals("metadata")) {
            payload.put("p", "abcdefghijklmnopqrstuvwxyz".substring(0, 1 + (payload.toString().length() % 25)));
        }
        ObjectNode event = JSON.createObjectNode();
        event.set(type, payload);
        return event;
    }

    private static ObjectNode usage(Reply reply) {
        ObjectNode usage = JSON.createObjectNode();
        usage.put("inputTokens", reply.input());
        usage.put("outputTokens", reply.output());
        usage.put("totalTokens", reply.input() + reply.output());
        usage.put("cacheReadInputTokens", 0);
        usage.put("cacheWriteInputTokens", 0);
        return usage;
    }

    private static String blockText(JsonNode block) {
        if (block.has("text")) {
            return block.path("text").asText("");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : block.path("toolResult").path("content")) {
            text.append(part.path("text").asText(""));
        }
        return text.toString();
    }

    static int words(String text) {
        String trimmed = text == null ? "" : text.trim();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }
}
