package io.switchboard.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.GatewayException;
import java.util.ArrayList;
import java.util.List;

/** Reads tool definitions, tool choice and the tool calls of assistant messages. */
final class ToolsReader {
    private ToolsReader() {
    }

    static List<Tool> readTools(FieldReader f) {
        JsonNode tools = f.array("tools");
        if (tools == null) {
            return List.of();
        }
        List<Tool> result = new ArrayList<>(tools.size());
        for (int i = 0; i < tools.size(); i++) {
            FieldReader t = new FieldReader(tools.get(i), "tools[" + i + "]");
            String type = t.requiredString("type");
            if (!type.equals("function")) {
                throw GatewayException.invalidRequest("Invalid value for '" + t.param("type") + "': '" + type
                        + "'. Supported values are: 'function'.", t.param("type"));
            }
            JsonNode function = t.object("function");
            if (function == null) {
                throw GatewayException.missing(t.param("function"));
            }
            FieldReader fn = new FieldReader(function, t.param("function"));
            result.add(new Tool(type, fn.requiredString("name"), fn.string("description"), fn.object("parameters"),
                    fn.bool("strict")));
        }
        return result;
    }

    static JsonNode readToolChoice(FieldReader f) {
        JsonNode choice = f.get("tool_choice");
        if (choice == null) {
            return null;
        }
        if (choice.isTextual()) {
            String value = choice.textValue();
            if (!value.equals("auto") && !value.equals("none") && !value.equals("required")) {
                throw GatewayException.invalidRequest("Invalid value for 'tool_choice': '" + value
                        + "'. Supported values are: 'none', 'auto' and 'required'.", "tool_choice");
            }
            return choice;
        }
        FieldReader c = new FieldReader(choice, "tool_choice");
        c.requiredString("type");
        JsonNode function = c.object("function");
        if (function == null) {
            throw GatewayException.missing("tool_choice.function");
        }
        new FieldReader(function, "tool_choice.function").requiredString("name");
        return choice;
    }

    static List<ToolCall> readToolCalls(FieldReader f) {
        JsonNode calls = f.array("tool_calls");
        if (calls == null) {
            return List.of();
        }
        List<ToolCall> result = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            FieldReader c = new FieldReader(calls.get(i), f.param("tool_calls") + "[" + i + "]");
            JsonNode function = c.object("function");
            if (function == null) {
                throw GatewayException.missing(c.param("function"));
            }
            FieldReader fn = new FieldReader(function, c.param("function"));
            String type = c.string("type");
            result.add(new ToolCall(c.requiredString("id"), type == null ? "function" : type,
                    fn.requiredString("name"), fn.string("arguments")));
        }
        return result;
    }
}
