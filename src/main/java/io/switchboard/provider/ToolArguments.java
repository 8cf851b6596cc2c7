package io.switchboard.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.GatewayException;
import io.switchboard.chat.WireJson;

/** OpenAI sends tool-call arguments as JSON text; providers that take an object (Anthropic, Bedrock) get it here. */
public final class ToolArguments {
    private ToolArguments() {
    }

    /**
     * The arguments as a JSON object; none is {@code {}}. Anything else is a 400 at {@code path}.
     *
     * @param models who refuses them, for the message ("Anthropic models")
     */
    public static JsonNode asObject(String arguments, String path, String models) {
        if (arguments == null || arguments.isBlank()) {
            return WireJson.object();
        }
        try {
            JsonNode input = WireJson.MAPPER.readTree(arguments);
            if (input != null && input.isObject()) {
                return input;
            }
        } catch (Exception notJson) {
            // refused below
        }
        throw GatewayException.invalidRequest("Tool call arguments must be a JSON object for " + models + ".", path);
    }
}
