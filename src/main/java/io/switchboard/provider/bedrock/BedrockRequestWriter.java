package io.switchboard.provider.bedrock;

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
import java.util.List;
import java.util.Set;

/**
 * Writes a canonical request as a Converse body (reference §3.3): {@code system}, {@code messages},
 * {@code inferenceConfig} (maxTokens, temperature, topP, stopSequences), {@code toolConfig} (toolSpec with the
 * JSON schema under {@code inputSchema.json}; toolChoice auto/any/tool; "none" offers no tools).
 * {@code response_format} is a forced {@link JsonTool}, as LiteLLM sends it (Converse has no JSON mode); {@code reasoning_effort} on a Claude model is
 * Claude's {@code thinking} in {@code additionalModelRequestFields}. Converse's own top-level fields
 * ({@code guardrailConfig}, {@code additionalModelRequestFields}, ...) pass through as sent; any other unknown
 * field is a model-specific parameter ({@code top_k}, {@code thinking}) and goes into
 * {@code additionalModelRequestFields}, as LiteLLM does. OpenAI parameters Converse has no place for are dropped
 * with {@code drop_params}, otherwise refused with a 400 naming them.
 */
final class BedrockRequestWriter {
    private static final Set<String> CONVERSE_FIELDS = Set.of("guardrailConfig", "additionalModelRequestFields",
            "additionalModelResponseFieldPaths", "promptVariables", "requestMetadata", "performanceConfig");
    private static final Set<String> OPENAI_ONLY = Set.of("presence_penalty", "frequency_penalty", "logit_bias",
            "modalities", "audio", "prediction", "store", "web_search_options", "verbosity", "functions",
            "function_call", "safety_identifier", "prompt_cache_key", "service_tier");

    private BedrockRequestWriter() {
    }

    /** LiteLLM's output limit for Claude when neither the request nor the model table gives one. */
    private static final int FALLBACK_MAX_TOKENS = 4096;

    static ObjectNode write(ChatRequest r, Deployment deployment) {
        Refusals refusals = new Refusals(deployment.dropParams());
        ObjectNode thinking = claude(deployment) ? ThinkingBudget.of(r) : null;
        ObjectNode body = WireJson.object();
        BedrockMessages.Converted converted = BedrockMessages.convert(r.messages());
        body.set("messages", converted.messages());
        if (!converted.system().isEmpty()) {
            body.set("system", converted.system());
        }
        ObjectNode inference = inferenceConfig(r, deployment, thinking);
        if (!inference.isEmpty()) {
            body.set("inferenceConfig", inference);
        }
        ObjectNode toolConfig = toolConfig(r, converted.usesTools(), refusals);
        if (toolConfig != null) {
            body.set("toolConfig", toolConfig);
        } else if (converted.usesTools()) {
            throw GatewayException.invalidRequest("Bedrock models need the 'tools' of a conversation that holds"
                    + " tool calls or tool results; send them with the request.", "tools");
        }
        refuseUnsupported(r, refusals, thinking != null);
        ObjectNode additional = WireJson.object();
        if (thinking != null) {
            additional.set("thinking", thinking);
        }
        if (r.extra() != null) {
            for (var field : r.extra().properties()) {
                String name = field.getKey();
                if (OPENAI_ONLY.contains(name)) {
                    refusals.refuse(name, null);
                } else if (CONVERSE_FIELDS.contains(name)) {
                    body.set(name, field.getValue());
                } else {
                    additional.set(name, field.getValue());
                }
            }
        }
        if (!additional.isEmpty()) {
            JsonNode given = body.get("additionalModelRequestFields");
            if (given instanceof ObjectNode object) {
                additional.setAll(object);
            }
            body.set("additionalModelRequestFields", additional);
        }
        return body;
    }

    /**
     * Claude on Bedrock: the model id names it, bare ({@code anthropic.claude-…}), as a cross-region inference
     * profile ({@code us.anthropic.claude-…}) or inside an ARN.
     */
    static boolean claude(Deployment deployment) {
        return BedrockAdapter.modelId(deployment).contains("anthropic.claude");
    }

    private static ObjectNode inferenceConfig(ChatRequest r, Deployment deployment, ObjectNode thinking) {
        ObjectNode config = WireJson.object();
        Integer max = r.maxCompletionTokens() != null ? r.maxCompletionTokens() : r.maxTokens();
        if (max == null && thinking != null) {
            // Claude needs maxTokens above the thinking budget; Bedrock's own default may not be
            Integer limit = deployment.facts().maxOutputTokens();
            max = ThinkingBudget.maxTokensAbove(thinking, limit != null && limit > 0 ? limit : FALLBACK_MAX_TOKENS,
                    FALLBACK_MAX_TOKENS);
        }
        if (max != null) {
            config.put("maxTokens", max);
        }
        if (r.temperature() != null) {
            config.put("temperature", r.temperature());
        }
        if (r.topP() != null) {
            config.put("topP", r.topP());
        }
        ArrayNode stops = WireJson.NODES.arrayNode();
        r.stop().stream().filter(s -> !s.isEmpty()).forEach(stops::add);
        if (!stops.isEmpty()) {
            config.set("stopSequences", stops);
        }
        return config;
    }

    /**
     * Converse's {@code toolChoice} has no "none". LiteLLM refuses it (or drops it with {@code drop_params}, still
     * offering the tools); here a conversation without tool blocks honours it exactly by offering no tools, so the
     * model cannot call one. A conversation that holds tool calls or results must send its tools (Converse: "The
     * toolConfig field must be defined when using toolUse and toolResult content blocks"), so there "none" cannot be
     * honoured and is refused, or dropped as LiteLLM drops it.
     */
    private static ObjectNode toolConfig(ChatRequest r, boolean conversationUsesTools, Refusals refusals) {
        boolean json = JsonTool.requested(r);
        List<Tool> offered = r.tools();
        if (noToolChoice(r.toolChoice())) {
            if (conversationUsesTools && !offered.isEmpty()) {
                refusals.refuse("tool_choice", "Bedrock's Converse API has no tool_choice 'none', and a"
                        + " conversation holding tool calls must offer its tools.");
            } else {
                offered = List.of();
            }
        }
        if (offered.isEmpty() && !json) {
            return null;
        }
        ObjectNode config = WireJson.object();
        ArrayNode tools = config.putArray("tools");
        for (Tool tool : offered) {
            ObjectNode spec = tools.addObject().putObject("toolSpec");
            spec.put("name", tool.name());
            if (tool.description() != null && !tool.description().isEmpty()) {
                spec.put("description", tool.description());
            }
            spec.putObject("inputSchema").set("json", tool.parameters() != null && tool.parameters().isObject()
                    ? tool.parameters() : JsonTool.emptyObjectSchema());
        }
        ObjectNode choice = toolChoice(r.toolChoice(), refusals);
        if (json) {
            ObjectNode spec = tools.addObject().putObject("toolSpec");
            spec.put("name", JsonTool.NAME);
            spec.putObject("inputSchema").set("json", JsonTool.schema(r));
            choice = WireJson.object();
            choice.putObject("tool").put("name", JsonTool.NAME);
        }
        if (choice != null) {
            config.set("toolChoice", choice);
        }
        return config;
    }

    /** auto → {@code {"auto":{}}}, required → {@code {"any":{}}}, a named function → {@code {"tool":{"name"}}}. */
    private static ObjectNode toolChoice(JsonNode given, Refusals refusals) {
        if (given == null || given.isNull()) {
            return null;
        }
        ObjectNode choice = WireJson.object();
        if (given.isTextual()) {
            switch (given.textValue()) {
                case "none" -> {
                    return null; // decided with the tools offered, in toolConfig
                }
                case "auto" -> choice.putObject("auto");
                case "required" -> choice.putObject("any");
                default -> {
                    refusals.refuse("tool_choice", "Bedrock's Converse API has no tool_choice '"
                            + given.textValue() + "'.");
                    return null;
                }
            }
        } else {
            String name = given.path("function").path("name").asText("");
            if (name.isEmpty()) {
                throw GatewayException.invalidRequest("'tool_choice' must name a function.", "tool_choice");
            }
            choice.putObject("tool").put("name", name);
        }
        return choice;
    }

    private static boolean noToolChoice(JsonNode given) {
        return given != null && given.isTextual() && given.textValue().equals("none");
    }

    private static void refuseUnsupported(ChatRequest r, Refusals refusals, boolean thinking) {
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
        if (!thinking && r.reasoningEffort() != null && !r.reasoningEffort().equals("none")) {
            refusals.refuse("reasoning_effort", "Only Claude models on Bedrock map it (to 'thinking'); send this"
                    + " model's own reasoning field instead.");
        }
        String format = r.responseFormat() == null ? "text" : r.responseFormat().path("type").asText("text");
        if (!format.equals("text") && !JsonTool.requested(r)) {
            refusals.refuse("response_format", "Bedrock models take 'json_schema' and 'json_object' only.");
        }
    }

    /** Drops or refuses what Converse cannot take, per the deployment's {@code drop_params}. */
    private record Refusals(boolean drop) {
        void refuse(String param, String why) {
            if (drop) {
                return;
            }
            String reason = why != null ? why + " " : "";
            throw GatewayException.invalidRequest(reason + "Bedrock models do not support '" + param
                    + "' as sent; remove it, or set drop_params to drop it.", param);
        }
    }
}
