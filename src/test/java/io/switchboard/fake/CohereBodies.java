package io.switchboard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Cohere v2 chat answers and stream events (reference §3.6, vercel/ai's recorded fixtures), built from a
 * {@link ChatReply}. Usage has {@code billed_units} below {@code tokens} (the real API counts its prompt
 * template in {@code tokens}), so tests can tell which one a reader used.
 */
final class CohereBodies {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the real API adds to {@code tokens.input_tokens} for its prompt template, roughly (507 vs 12 recorded). */
    static final int TEMPLATE_TOKENS = 495;

    private CohereBodies() {
    }

    /** What the fake answers a Cohere request: the request seen as OpenAI's, so {@link ChatReply} can answer it. */
    static ChatReply reply(JsonNode request) {
        ObjectNode view = JSON.createObjectNode();
        view.set("messages", request.path("messages"));
        if (request.has("tools")) {
            view.set("tools", request.get("tools"));
        }
        if ("NONE".equals(request.path("tool_choice").asText())) {
            view.put("tool_choice", "none");
        }
        if (request.has("max_tokens")) {
            view.set("max_tokens", request.get("max_tokens"));
        }
        JsonNode format = request.path("response_format");
        if (format.has("json_schema")) {
            view.putObject("response_format").put("type", "json_schema").putObject("json_schema")
                    .set("schema", format.get("json_schema"));
        } else if ("json_object".equals(format.path("type").asText())) {
            view.putObject("response_format").put("type", "json_object");
        }
        return ChatReply.to(view);
    }

    static ObjectNode completion(String id, ChatReply reply) {
        ChatReply.Choice choice = reply.choices().get(0);
        ObjectNode body = JSON.createObjectNode();
        body.put("id", id);
        ObjectNode message = body.putObject("message").put("role", "assistant");
        if (choice.toolCalls().isEmpty()) {
            message.putArray("content").addObject().put("type", "text").put("text", choice.text());
        } else {
            message.put("tool_plan", plan(choice));
            ArrayNode calls = message.putArray("tool_calls");
            for (ChatReply.ToolCall call : choice.toolCalls()) {
                calls.addObject().put("id", cohereId(call)).put("type", "function").putObject("function")
                        .put("name", call.name()).put("arguments", call.arguments());
            }
        }
        body.put("finish_reason", finishReason(choice));
        body.set("usage", usage(reply));
        return body;
    }

    /** The events of a stream, in the order the API sends them (see the recorded cohere-*.chunks.txt). */
    static List<ObjectNode> events(String id, ChatReply reply) {
        ChatReply.Choice choice = reply.choices().get(0);
        List<ObjectNode> events = new ArrayList<>();
        ObjectNode start = event("message-start", null);
        start.put("id", id);
        ObjectNode startMessage = start.putObject("delta").putObject("message").put("role", "assistant");
        startMessage.putArray("content");
        startMessage.put("tool_plan", "");
        startMessage.putArray("tool_calls");
        startMessage.putArray("citations");
        events.add(start);
        if (choice.toolCalls().isEmpty()) {
            ObjectNode contentStart = event("content-start", 0);
            contentStart.putObject("delta").putObject("message").putObject("content").put("type", "text").put("text", "");
            events.add(contentStart);
            for (String piece : pieces(choice.text())) {
                ObjectNode delta = event("content-delta", 0);
                delta.putObject("delta").putObject("message").putObject("content").put("text", piece);
                events.add(delta);
            }
            events.add(event("content-end", 0));
        } else {
            for (String piece : pieces(plan(choice))) {
                ObjectNode delta = event("tool-plan-delta", null);
                delta.putObject("delta").putObject("message").put("tool_plan", piece);
                events.add(delta);
            }
            for (int i = 0; i < choice.toolCalls().size(); i++) {
                ChatReply.ToolCall call = choice.toolCalls().get(i);
                ObjectNode callStart = event("tool-call-start", i);
                callStart.putObject("delta").putObject("message").putObject("tool_calls").put("id", cohereId(call))
                        .put("type", "function").putObject("function").put("name", call.name()).put("arguments", "");
                events.add(callStart);
                String args = call.arguments();
                for (String fragment : List.of(args.substring(0, args.length() / 2), args.substring(args.length() / 2))) {
                    ObjectNode delta = event("tool-call-delta", i);
                    delta.putObject("delta").putObject("message").putObject("tool_calls").putObject("function")
                            .put("arguments", fragment);
                    events.add(delta);
                }
                events.add(event("tool-call-end", i));
            }
        }
        ObjectNode end = event("message-end", null);
        ObjectNode endDelta = end.putObject("delta");
        endDelta.put("finish_reason", finishReason(choice));
        endDelta.set("usage", usage(reply));
        events.add(end);
        return events;
    }

    private static ObjectNode event(String type, Integer index) {
        ObjectNode event = JSON.createObjectNode().put("type", type);
        if (index != null) {
            event.put("index", index);
        }
        return event;
    }

    /** Words with their leading space, as the recorded stream cuts text. */
    private static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        String[] words = text.split(" ", -1);
        for (int i = 0; i < words.length; i++) {
            pieces.add(i == 0 ? words[i] : " " + words[i]);
        }
        return pieces;
    }

    private static String plan(ChatReply.Choice choice) {
        return "I will use " + choice.toolCalls().get(0).name() + ".";
    }

    /** Cohere's ids are the function name and a random suffix ({@code weather_e8p4pn45zt0t}). */
    private static String cohereId(ChatReply.ToolCall call) {
        return call.name() + "_" + call.id().substring("call_".length());
    }

    private static String finishReason(ChatReply.Choice choice) {
        return switch (choice.finishReason()) {
            case "tool_calls" -> "TOOL_CALL";
            case "length" -> "MAX_TOKENS";
            default -> "COMPLETE";
        };
    }

    private static ObjectNode usage(ChatReply reply) {
        ObjectNode usage = JSON.createObjectNode();
        usage.putObject("billed_units").put("input_tokens", reply.promptTokens())
                .put("output_tokens", reply.completionTokens());
        usage.putObject("tokens").put("input_tokens", reply.promptTokens() + TEMPLATE_TOKENS)
                .put("output_tokens", reply.completionTokens() + 3);
        usage.put("cached_tokens", 0);
        return usage;
    }

    /** Cohere's error body: {@code {"id","message"}} at the top level. */
    static String error(String id, String message) {
        return JSON.createObjectNode().put("id", id).put("message", message).toString();
    }
}
