package io.switchboard.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.chat.ChatRequest;
import io.switchboard.chat.WireJson;

/**
 * Structured output for providers without a native JSON mode (Anthropic, Claude on Bedrock): {@code response_format}
 * becomes one more tool, forced, whose input schema is the requested schema; the tool's input is then the answer's
 * content, not a tool call. Named as LiteLLM names it, so clients and logs see the same thing through either gateway.
 */
public final class JsonTool {
    public static final String NAME = "json_tool_call";

    private JsonTool() {
    }

    /** True when {@code response_format} asks for JSON ({@code json_schema} or {@code json_object}). */
    public static boolean requested(ChatRequest r) {
        if (r.responseFormat() == null) {
            return false;
        }
        String type = r.responseFormat().path("type").asText("");
        return type.equals("json_schema") || type.equals("json_object");
    }

    /** The requested schema, or an open object schema for {@code json_object}. */
    public static JsonNode schema(ChatRequest r) {
        JsonNode schema = r.responseFormat().path("json_schema").get("schema");
        return schema != null && schema.isObject() ? schema : emptyObjectSchema();
    }

    /** True for a tool block of the answer that carries the structured output rather than a real call. */
    public static boolean answers(boolean requested, String toolName) {
        return requested && NAME.equals(toolName);
    }

    public static ObjectNode emptyObjectSchema() {
        ObjectNode schema = WireJson.object();
        schema.put("type", "object");
        schema.putObject("properties");
        return schema;
    }
}
