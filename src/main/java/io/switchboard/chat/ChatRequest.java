package io.switchboard.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A chat completion request in OpenAI's shape. The fields the gateway or an adapter interprets are
 * typed; every other field the client sent is kept, in order, in {@code extra} so that it can be
 * passed on to providers that understand it.
 *
 * @param toolChoice   {@code "auto" | "none" | "required"} or {@code {"type":"function",...}}, as sent
 * @param responseFormat {@code {"type": "text" | "json_object" | "json_schema", ...}}, as sent
 */
public record ChatRequest(
        String model,
        List<ChatMessage> messages,
        boolean stream,
        boolean includeUsage,
        List<Tool> tools,
        JsonNode toolChoice,
        Boolean parallelToolCalls,
        JsonNode responseFormat,
        Integer n,
        Integer maxTokens,
        Integer maxCompletionTokens,
        Double temperature,
        Double topP,
        List<String> stop,
        Long seed,
        String user,
        JsonNode metadata,
        Boolean logprobs,
        Integer topLogprobs,
        String reasoningEffort,
        ObjectNode extra) {

    public ChatRequest {
        messages = List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
        stop = stop == null ? List.of() : List.copyOf(stop);
    }

    /** The same request addressed to another model name (the upstream's id for a deployment). */
    public ChatRequest withModel(String newModel) {
        return new ChatRequest(newModel, messages, stream, includeUsage, tools, toolChoice, parallelToolCalls,
                responseFormat, n, maxTokens, maxCompletionTokens, temperature, topP, stop, seed, user, metadata,
                logprobs, topLogprobs, reasoningEffort, extra);
    }

    /** The same request with other leftover fields (the router's own fields taken out). */
    public ChatRequest withExtra(ObjectNode newExtra) {
        return new ChatRequest(model, messages, stream, includeUsage, tools, toolChoice, parallelToolCalls,
                responseFormat, n, maxTokens, maxCompletionTokens, temperature, topP, stop, seed, user, metadata,
                logprobs, topLogprobs, reasoningEffort, newExtra);
    }

    /** How many choices the client asked for (OpenAI's default is one). */
    public int choiceCount() {
        return n == null ? 1 : n;
    }
}
