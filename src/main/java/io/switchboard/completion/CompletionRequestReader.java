package io.switchboard.completion;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.GatewayException;
import io.switchboard.chat.CallerOverrides;
import io.switchboard.chat.FieldReader;

/** Reads and validates a legacy completions body; every refusal is a 400 naming the parameter. */
public final class CompletionRequestReader {
    private CompletionRequestReader() {
    }

    public static CompletionRequest read(JsonNode body) {
        FieldReader f = new FieldReader(body, "");
        CallerOverrides.reject(f);
        String model = f.requiredString("model");
        JsonNode prompt = f.get("prompt");
        if (prompt == null) {
            throw GatewayException.missing("prompt");
        }
        if (!prompt.isTextual() && !(prompt.isArray() && !prompt.isEmpty())) {
            throw GatewayException.wrongType("prompt", "a string or a non-empty array");
        }
        boolean stream = Boolean.TRUE.equals(f.bool("stream"));
        JsonNode options = f.object("stream_options");
        boolean includeUsage = options != null
                && Boolean.TRUE.equals(new FieldReader(options, "stream_options").bool("include_usage"));
        f.integer("max_tokens", 0, Integer.MAX_VALUE);
        f.integer("n", 1, 128);
        f.number("temperature", 0, 2);
        f.number("top_p", 0, 1);
        f.integer("logprobs", 0, 5);
        f.bool("echo");
        return new CompletionRequest(model, prompt, stream, includeUsage, f.node());
    }
}
