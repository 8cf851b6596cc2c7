package io.switchboard.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.GatewayException;
import io.switchboard.chat.ChatRequest;
import io.switchboard.chat.Tool;
import io.switchboard.chat.WireJson;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * A canonical request as a {@code GenerateContentRequest} (ai.google.dev/api/generate-content, reference
 * §3.4): {@code contents}, {@code systemInstruction}, {@code tools[].functionDeclarations}, {@code toolConfig}
 * and {@code generationConfig}. Parameters Gemini has no equivalent for are refused with a 400 naming them,
 * or dropped when the deployment sets {@code drop_params}.
 */
final class GeminiRequestWriter {
    /**
     * {@code reasoning_effort} → {@code thinkingBudget} tokens, LiteLLM's table: "none" turns thinking off
     * (budget 0, Gemini 2.5 Flash only), the others set a budget and ask for thought summaries.
     */
    static final Map<String, Integer> THINKING_BUDGETS = Map.of("none", 0, "disable", 0, "minimal", 128,
            "low", 1024, "medium", 2048, "high", 4096);

    /** Extra OpenAI fields with a Gemini {@code generationConfig} equivalent. */
    private static final Map<String, String> EXTRA_GENERATION_FIELDS = Map.of("frequency_penalty",
            "frequencyPenalty", "presence_penalty", "presencePenalty", "top_k", "topK");

    /** Extra OpenAI fields that only concern OpenAI's own service and mean nothing to Gemini: always ignored. */
    private static final Set<String> IGNORED_EXTRA = Set.of("store", "service_tier", "stream_options");

    private GeminiRequestWriter() {
    }

    static byte[] write(ChatRequest r, boolean dropParams) {
        return WireJson.render(body(r, dropParams)).getBytes(StandardCharsets.UTF_8);
    }

    static ObjectNode body(ChatRequest r, boolean dropParams) {
        GeminiContents contents = GeminiContents.of(r.messages());
        ObjectNode body = WireJson.object();
        body.set("contents", contents.contents());
        if (contents.systemInstruction() != null) {
            body.set("systemInstruction", contents.systemInstruction());
        }
        if (!r.tools().isEmpty()) {
            ArrayNode declarations = body.putArray("tools").addObject().putArray("functionDeclarations");
            for (Tool t : r.tools()) {
                ObjectNode fn = declarations.addObject();
                fn.put("name", t.name());
                if (t.description() != null) {
                    fn.put("description", t.description());
                }
                if (t.parameters() != null && !t.parameters().path("properties").isEmpty()) {
                    fn.set("parameters", GeminiSchemas.clean(t.parameters()));
                }
            }
        }
        if (r.toolChoice() != null) {
            body.putObject("toolConfig").set("functionCallingConfig", functionCallingConfig(r.toolChoice()));
        }
        ObjectNode generation = generationConfig(r, dropParams);
        if (!generation.isEmpty()) {
            body.set("generationConfig", generation);
        }
        return body;
    }

    /** {@code auto|none|required} → AUTO|NONE|ANY; a named function → ANY restricted to that name. */
    private static ObjectNode functionCallingConfig(JsonNode choice) {
        ObjectNode config = WireJson.object();
        if (choice.isTextual()) {
            String mode = switch (choice.textValue()) {
                case "auto" -> "AUTO";
                case "none" -> "NONE";
                case "required" -> "ANY";
                default -> throw GatewayException.invalidRequest("tool_choice '" + choice.textValue()
                        + "' is not supported.", "tool_choice");
            };
            config.put("mode", mode);
        } else {
            String name = choice.path("function").path("name").asText("");
            if (name.isEmpty()) {
                throw GatewayException.invalidRequest("tool_choice must name a function.", "tool_choice");
            }
            config.put("mode", "ANY");
            config.putArray("allowedFunctionNames").add(name);
        }
        return config;
    }

    private static ObjectNode generationConfig(ChatRequest r, boolean dropParams) {
        ObjectNode g = WireJson.object();
        if (r.temperature() != null) {
            g.put("temperature", r.temperature());
        }
        if (r.topP() != null) {
            g.put("topP", r.topP());
        }
        Integer max = r.maxCompletionTokens() != null ? r.maxCompletionTokens() : r.maxTokens();
        if (max != null) {
            g.put("maxOutputTokens", max);
        }
        if (!r.stop().isEmpty()) {
            ArrayNode stops = g.putArray("stopSequences");
            r.stop().forEach(stops::add);
        }
        if (r.n() != null && r.n() > 1) {
            g.put("candidateCount", r.n());
        }
        if (r.seed() != null) {
            g.put("seed", r.seed());
        }
        responseFormat(g, r.responseFormat());
        if (r.reasoningEffort() != null) {
            Integer budget = THINKING_BUDGETS.get(r.reasoningEffort());
            if (budget == null) {
                throw GatewayException.invalidRequest("reasoning_effort '" + r.reasoningEffort()
                        + "' is not one of none, minimal, low, medium, high.", "reasoning_effort");
            }
            ObjectNode thinking = g.putObject("thinkingConfig");
            thinking.put("thinkingBudget", budget);
            thinking.put("includeThoughts", budget > 0);
        }
        if (Boolean.TRUE.equals(r.logprobs())) {
            unsupported("logprobs", dropParams);
        }
        if (r.extra() != null) {
            for (var field : r.extra().properties()) {
                String gemini = EXTRA_GENERATION_FIELDS.get(field.getKey());
                if (gemini != null) {
                    g.set(gemini, field.getValue());
                } else if (!IGNORED_EXTRA.contains(field.getKey())) {
                    unsupported(field.getKey(), dropParams);
                }
            }
        }
        return g;
    }

    /** json_object → JSON MIME type; json_schema → also {@code responseSchema}, cleaned to Gemini's subset. */
    private static void responseFormat(ObjectNode g, JsonNode format) {
        if (format == null) {
            return;
        }
        switch (format.path("type").asText()) {
            case "json_object" -> g.put("responseMimeType", "application/json");
            case "json_schema" -> {
                g.put("responseMimeType", "application/json");
                JsonNode schema = format.path("json_schema").get("schema");
                if (schema != null && schema.isObject()) {
                    g.set("responseSchema", GeminiSchemas.clean(schema));
                }
            }
            default -> {
                // "text" is Gemini's default
            }
        }
    }

    private static void unsupported(String param, boolean dropParams) {
        if (!dropParams) {
            throw GatewayException.invalidRequest("Parameter '" + param + "' is not supported by Gemini"
                    + " (set drop_params: true to drop it).", param);
        }
    }
}
