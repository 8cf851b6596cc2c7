package io.switchboard.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.GatewayException;
import io.switchboard.chat.ChatRequest;
import io.switchboard.chat.Tool;
import io.switchboard.chat.WireJson;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.JsonTool;
import io.switchboard.provider.ThinkingBudget;
import java.util.Set;

/**
 * Writes a canonical request as an Anthropic Messages body (reference §3.2). Everything Anthropic cannot
 * take is decided here, before a call is made: with {@code drop_params} it is left out, otherwise the client
 * gets a 400 naming the parameter, as LiteLLM does ("anthropic does not support parameters: ...").
 */
final class AnthropicRequestWriter {
    /** LiteLLM's default when neither the request nor the model table gives an output limit. */
    static final int FALLBACK_MAX_TOKENS = 4096;

    /** OpenAI parameters (kept in {@code extra} by the reader) that the Messages API has no equivalent for. */
    private static final Set<String> OPENAI_ONLY = Set.of("presence_penalty", "frequency_penalty", "logit_bias",
            "modalities", "audio", "prediction", "store", "web_search_options", "verbosity", "functions",
            "function_call", "safety_identifier", "prompt_cache_key");

    private AnthropicRequestWriter() {
    }

    static ObjectNode write(ChatRequest r, Deployment deployment) {
        Refusals refusals = new Refusals(deployment.dropParams());
        ObjectNode body = WireJson.object();
        body.put("model", deployment.upstreamModel());
        ObjectNode thinking = ThinkingBudget.of(r);
        body.put("max_tokens", maxTokens(r, deployment, thinking));
        AnthropicMessages.Converted converted = AnthropicMessages.convert(r.messages());
        if (converted.system() != null) {
            body.set("system", converted.system());
        }
        body.set("messages", converted.messages());
        if (r.stream()) {
            body.put("stream", true);
        }
        if (thinking != null) {
            body.set("thinking", thinking);
        }
        if (r.temperature() != null) {
            if (r.temperature() > 1) {
                refusals.refuse("temperature", "Anthropic models accept 'temperature' from 0 to 1.");
            } else {
                body.put("temperature", r.temperature());
            }
        }
        if (r.topP() != null) {
            body.put("top_p", r.topP());
        }
        writeStop(body, r);
        writeMetadata(body, r, refusals);
        writeTools(body, r);
        if (r.n() != null && r.n() > 1) {
            refusals.refuse("n", null);
        }
        if (Boolean.TRUE.equals(r.logprobs())) {
            refusals.refuse("logprobs", null);
        }
        if (r.topLogprobs() != null) {
            refusals.refuse("top_logprobs", null);
        }
        if (r.seed() != null) {
            refusals.refuse("seed", null);
        }
        if (r.extra() != null) {
            for (var field : r.extra().properties()) {
                String name = field.getKey();
                if (OPENAI_ONLY.contains(name)) {
                    refusals.refuse(name, null);
                } else if (!name.equals("thinking")) {
                    body.set(name, field.getValue()); // Anthropic's own fields (top_k, container, ...), as sent
                }
            }
        }
        return body;
    }

    /** {@code max_tokens} is required: the client's, else the model's output limit, else 4096 (LiteLLM). */
    private static int maxTokens(ChatRequest r, Deployment deployment, ObjectNode thinking) {
        if (r.maxCompletionTokens() != null) {
            return r.maxCompletionTokens();
        }
        if (r.maxTokens() != null) {
            return r.maxTokens();
        }
        Integer limit = deployment.facts().maxOutputTokens();
        int max = limit != null && limit > 0 ? limit : FALLBACK_MAX_TOKENS;
        // Anthropic requires max_tokens > budget_tokens; a defaulted limit must not make a valid request fail.
        return ThinkingBudget.maxTokensAbove(thinking, max, FALLBACK_MAX_TOKENS);
    }

    /** Anthropic rejects whitespace-only stop sequences, which OpenAI accepts; LiteLLM leaves them out too. */
    private static void writeStop(ObjectNode body, ChatRequest r) {
        ArrayNode stops = WireJson.NODES.arrayNode();
        r.stop().stream().filter(s -> !s.isBlank()).forEach(stops::add);
        if (!stops.isEmpty()) {
            body.set("stop_sequences", stops);
        }
    }

    /** Anthropic's {@code metadata} holds only {@code user_id}; OpenAI's {@code user} is that id. */
    private static void writeMetadata(ObjectNode body, ChatRequest r, Refusals refusals) {
        String userId = r.user();
        JsonNode metadata = r.metadata();
        if (metadata != null && !metadata.isEmpty()) {
            boolean onlyUserId = metadata.size() == 1 && metadata.path("user_id").isTextual();
            if (onlyUserId) {
                userId = metadata.get("user_id").textValue();
            } else {
                refusals.refuse("metadata", "Anthropic models accept only 'metadata.user_id'.");
            }
        }
        if (userId != null && !userId.isEmpty()) {
            body.putObject("metadata").put("user_id", userId);
        }
    }

    private static void writeTools(ObjectNode body, ChatRequest r) {
        boolean json = JsonTool.requested(r);
        if (r.tools().isEmpty() && !json) {
            return;
        }
        ArrayNode tools = body.putArray("tools");
        for (Tool tool : r.tools()) {
            ObjectNode t = tools.addObject();
            t.put("name", tool.name());
            if (tool.description() != null) {
                t.put("description", tool.description());
            }
            t.set("input_schema", tool.parameters() != null ? tool.parameters() : JsonTool.emptyObjectSchema());
        }
        ObjectNode choice = toolChoice(r);
        if (json) {
            ObjectNode t = tools.addObject();
            t.put("name", JsonTool.NAME);
            t.set("input_schema", JsonTool.schema(r));
            choice = WireJson.object();
            choice.put("type", "tool");
            choice.put("name", JsonTool.NAME);
        }
        if (choice != null) {
            body.set("tool_choice", choice);
        }
    }

    /** auto → auto, none → none, required → any, a named function → tool; parallel_tool_calls=false → disable. */
    private static ObjectNode toolChoice(ChatRequest r) {
        JsonNode given = r.toolChoice();
        boolean serial = Boolean.FALSE.equals(r.parallelToolCalls());
        if (given == null && !serial) {
            return null;
        }
        ObjectNode choice = WireJson.object();
        if (given == null || given.isTextual()) {
            String value = given == null ? "auto" : given.textValue();
            choice.put("type", switch (value) {
                case "none" -> "none";
                case "required" -> "any";
                default -> "auto";
            });
        } else {
            choice.put("type", "tool");
            choice.put("name", given.path("function").path("name").asText());
        }
        if (serial && !choice.path("type").asText().equals("none")) {
            choice.put("disable_parallel_tool_use", true);
        }
        return choice;
    }

    /** Drops or refuses what Anthropic cannot take, per the deployment's {@code drop_params}. */
    private record Refusals(boolean drop) {
        void refuse(String param, String why) {
            if (drop) {
                return;
            }
            String reason = why != null ? why + " " : "";
            throw GatewayException.invalidRequest(reason + "Anthropic models do not support '" + param
                    + "' as sent; remove it, or set drop_params to drop it.", param);
        }
    }
}
