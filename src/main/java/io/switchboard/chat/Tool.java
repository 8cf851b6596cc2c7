package io.switchboard.chat;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A function tool the model may call.
 *
 * @param parameters the JSON schema of the arguments, as sent (may be null)
 * @param strict     OpenAI's structured-outputs flag for the function, null when not sent
 */
public record Tool(String type, String name, String description, JsonNode parameters, Boolean strict) {
}
