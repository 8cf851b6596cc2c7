package io.switchboard.completion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A legacy completions request. Providers with a native completions API get {@code body} (the
 * client's fields, validated) with only the model replaced.
 *
 * @param prompt a string, an array of strings, or token arrays, as sent
 */
public record CompletionRequest(String model, JsonNode prompt, boolean stream, boolean includeUsage, ObjectNode body) {

    /** The prompt as one text, when it is one (a string or a one-element string array); else null. */
    public String singlePromptText() {
        if (prompt.isTextual()) {
            return prompt.textValue();
        }
        if (prompt.isArray() && prompt.size() == 1 && prompt.get(0).isTextual()) {
            return prompt.get(0).textValue();
        }
        return null;
    }
}
