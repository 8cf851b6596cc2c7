package io.switchboard.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.GatewayException;
import io.switchboard.chat.FieldReader;
import io.switchboard.chat.WireJson;

/**
 * Anthropic's {@code tool_choice} in OpenAI's terms: auto → auto, any → required, none → none,
 * {@code {"type":"tool","name":n}} → the named function; {@code disable_parallel_tool_use} →
 * {@code parallel_tool_calls: false}.
 */
final class MessagesToolChoice {
    private MessagesToolChoice() {
    }

    static JsonNode toolChoice(JsonNode choice) {
        if (choice == null) {
            return null;
        }
        FieldReader c = new FieldReader(choice, "tool_choice");
        String type = c.requiredString("type");
        return switch (type) {
            case "auto" -> WireJson.NODES.textNode("auto");
            case "any" -> WireJson.NODES.textNode("required");
            case "none" -> WireJson.NODES.textNode("none");
            case "tool" -> {
                ObjectNode named = WireJson.object();
                named.put("type", "function");
                named.putObject("function").put("name", c.requiredString("name"));
                yield named;
            }
            default -> throw GatewayException.invalidRequest("tool_choice.type: '" + type
                    + "' is not one of 'auto', 'any', 'tool' or 'none'.", "tool_choice.type");
        };
    }

    static Boolean parallelToolCalls(JsonNode choice) {
        if (choice == null) {
            return null;
        }
        Boolean disable = new FieldReader(choice, "tool_choice").bool("disable_parallel_tool_use");
        return Boolean.TRUE.equals(disable) ? Boolean.FALSE : null;
    }
}
