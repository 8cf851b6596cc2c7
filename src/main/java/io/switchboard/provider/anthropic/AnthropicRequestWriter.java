package io.switchboard.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.GatewayException;
import io.switchboard.chat.ChatRequest;
import io.switchboard.chat.Tool;
import io.switchboard.chat.WireJson;
import io.switchboard.provider.Deployment;
import java.util.Map;
import java.util.Set;

/**
 * Writes a canonical request as an Anthropic Messages body (reference §3.2). Everything Anthropic cannot
 * take is decided here, before a call is made: with {@code drop_params} it is left out, otherwise the client
 * gets a 400 naming the parameter, as LiteLLM does ("anthropic does not support parameters: ...").
 */
final class AnthropicRequestWriter {
    /** The forced tool that carries structured output, named as LiteLLM names it so clients see the same thing. */
    static final String JSON_TOOL = "json_tool_call";
    /** LiteLLM's default when neither the request nor the model table gives an output limit. */
    static final int FALLBACK_MAX_TOKENS = 4096;

    /** OpenAI parameters (kept in {@code extra} by the reader) that the Messages API has no equivalent for. */
    private static final Set<String> OPENAI_ONLY = Set.of("presence_penalty", "frequency_penalty", "logit_bias",
            "modalities", "audio", "prediction", "store", "web_search_options", "verbosity", "functions",
            "function_call", "safety_identifier", "prompt_cache_key");

    /** {@code reasoning_effort} as thinking budgets, LiteLLM's values (Anthropic's minimum budget is 1024). */
    private static final Map<String, Integer> EFFORT_BUDGETS = Map.of("minimal", 1024, "low", 1024,
            "medium", 2048, "high", 4096);

    private AnthropicRequestWriter() {
    }

    static ObjectNode write(ChatRequest r, Deployment deployment) {
        Refusals refusals = new Refusals(deployment.dropParams());
        ObjectNode body = WireJson.object();
        body.put("model", deployment.upstreamModel());
        ObjectNode thinking = thinking(r);
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

    /** True when {@code response_format} asks for JSON, which Anthropic is given as the forced {@link #JSON_TOOL}. */
    static boolean usesJsonTool(ChatRequest r) {
        if (r.responseFormat() == null) {
            return false;
        }
        String type = r.responseFormat().path("type").asText("");
        return type.equals("json_schema") || type.equals("json_object");
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
        int budget = thinking == null ? 0 : thinking.path("budget_tokens").asInt(0);
        // Anthropic requires max_tokens > budget_tokens; a defaulted limit must not make a valid request fail.
        return budget >= max ? budget + FALLBACK_MAX_TOKENS : max;
    }

    /** The client's own {@code thinking} object wins; else {@code reasoning_effort} becomes a budget. */
    private static ObjectNode thinking(ChatRequest r) {
        JsonNode given = r.extra() == null ? null : r.extra().get("thinking");
        if (given != null && !given.isNull()) {
            if (!given.isObject()) {
                throw GatewayException.wrongType("thinking", "an object");
            }
            return (ObjectNode) given;
        }
        String effort = r.reasoningEffort();
        if (effort == null || effort.equals("none")) {
            return null;
        }
        Integer budget = EFFORT_BUDGETS.get(effort);
        if (budget == null) {
            throw GatewayException.invalidRequest("Invalid value for 'reasoning_effort': '" + effort
                    + "'. Supported values are: 'none', 'minimal', 'low', 'medium' and 'high'.", "reasoning_effort");
        }
        ObjectNode thinking = WireJson.object();
        thinking.put("type", "enabled");
        thinking.put("budget_tokens", budget);
        return thinking;
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
        boolean json = usesJsonTool(r);
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
            t.set("input_schema", tool.parameters() != null ? tool.parameters() : emptyObjectSchema());
        }
        ObjectNode choice = toolChoice(r);
        if (json) {
            JsonNode schema = r.responseFormat().path("json_schema").get("schema");
            ObjectNode t = tools.addObject();
            t.put("name", JSON_TOOL);
            t.set("input_schema", schema != null && schema.isObject() ? schema : emptyObjectSchema());
            choice = WireJson.object();
            choice.put("type", "tool");
            choice.put("name", JSON_TOOL);
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

    private static ObjectNode emptyObjectSchema() {
        ObjectNode schema = WireJson.object();
        schema.put("type", "object");
        schema.putObject("properties");
        return schema;
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
