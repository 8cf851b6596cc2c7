package io.switchboard.provider.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.chat.ChatMessage;
import io.switchboard.chat.ChatRequest;
import io.switchboard.chat.ContentPart;
import io.switchboard.chat.MessageContent;
import io.switchboard.chat.Tool;
import io.switchboard.chat.ToolCall;
import io.switchboard.chat.WireJson;
import io.switchboard.provider.Deployment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Writes a canonical request as an Ollama {@code POST /api/chat} body (ollama docs/api.md, "Generate a
 * chat completion"). {@code stream} is always written, because Ollama streams when it is absent.
 */
final class OllamaRequestWriter {
    /** OpenAI-style extras that are model options in Ollama (docs/modelfile.md, "Valid parameters"). */
    private static final Set<String> OPTION_EXTRAS = Set.of("frequency_penalty", "presence_penalty", "top_k",
            "min_p", "repeat_penalty", "num_ctx", "mirostat", "num_gpu");

    private OllamaRequestWriter() {
    }

    static byte[] write(ChatRequest r, Deployment d) {
        ObjectNode body = WireJson.object();
        body.put("model", d.upstreamModel());
        ArrayNode messages = body.putArray("messages");
        Map<String, String> toolNames = new HashMap<>();
        for (ChatMessage m : r.messages()) {
            messages.add(message(m, toolNames));
        }
        body.put("stream", r.stream());
        writeTools(body, r, d);
        writeFormat(body, r.responseFormat());
        ObjectNode options = body.putObject("options");
        if (r.temperature() != null) {
            options.put("temperature", r.temperature());
        }
        if (r.topP() != null) {
            options.put("top_p", r.topP());
        }
        Integer max = r.maxCompletionTokens() != null ? r.maxCompletionTokens() : r.maxTokens();
        if (max != null) {
            options.put("num_predict", max);
        }
        if (!r.stop().isEmpty()) {
            ArrayNode stop = options.putArray("stop");
            r.stop().forEach(stop::add);
        }
        if (r.seed() != null) {
            options.put("seed", r.seed());
        }
        if (r.reasoningEffort() != null) {
            // Ollama's think is on/off for most models; the effort level itself is not conveyed.
            body.put("think", !r.reasoningEffort().equals("none"));
        }
        if (r.choiceCount() > 1) {
            unsupported(d, "n", "Ollama returns one choice per call; n > 1 is not supported.");
        }
        if (Boolean.TRUE.equals(r.logprobs()) || r.topLogprobs() != null) {
            unsupported(d, "logprobs", "Log probabilities are not supported for Ollama's native API.");
        }
        if (Boolean.FALSE.equals(r.parallelToolCalls())) {
            unsupported(d, "parallel_tool_calls", "Ollama cannot be told to make one tool call at a time.");
        }
        writeExtras(body, options, r.extra());
        if (options.isEmpty()) {
            body.remove("options");
        }
        return WireJson.render(body).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code options} given by the caller are merged; known option names move there; the rest (keep_alive, ...) stays top level. */
    private static void writeExtras(ObjectNode body, ObjectNode options, ObjectNode extra) {
        if (extra == null) {
            return;
        }
        for (var field : extra.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (name.equals("options") && value.isObject()) {
                value.properties().forEach(o -> options.set(o.getKey(), o.getValue()));
            } else if (OPTION_EXTRAS.contains(name)) {
                options.set(name, value);
            } else {
                body.set(name, value);
            }
        }
    }

    static void unsupported(Deployment d, String param, String message) {
        if (!d.dropParams()) {
            throw new GatewayException(ErrorKind.INVALID_REQUEST,
                    message + " Set drop_params: true to leave it out.", param, "unsupported_params");
        }
    }

    private static ObjectNode message(ChatMessage m, Map<String, String> toolNames) {
        ObjectNode out = WireJson.object();
        switch (m.role()) {
            case "system", "developer" -> out.put("role", "system").put("content", textOf(m));
            case "user" -> {
                out.put("role", "user");
                userContent(out, m.content());
            }
            case "assistant" -> {
                out.put("role", "assistant").put("content", textOf(m));
                if (m.reasoningContent() != null) {
                    out.put("thinking", m.reasoningContent());
                }
                if (!m.toolCalls().isEmpty()) {
                    ArrayNode calls = out.putArray("tool_calls");
                    for (ToolCall call : m.toolCalls()) {
                        toolNames.put(call.id(), call.name());
                        calls.addObject().putObject("function").put("name", call.name())
                                .set("arguments", argumentsObject(call.arguments()));
                    }
                }
            }
            case "tool" -> {
                // Ollama matches a result to its call by the function's name, not an id.
                out.put("role", "tool").put("content", textOf(m));
                String name = m.name() != null ? m.name() : toolNames.get(m.toolCallId());
                if (name != null) {
                    out.put("tool_name", name);
                }
            }
            default -> throw new GatewayException(ErrorKind.INVALID_REQUEST,
                    "Ollama does not accept messages with role '" + m.role() + "'.", "messages", "unsupported_role");
        }
        return out;
    }

    /** Text parts joined into {@code content}; images as bare base64 in {@code images} (docs/api.md, "with images"). */
    private static void userContent(ObjectNode out, MessageContent content) {
        if (content == null || content instanceof MessageContent.Text) {
            out.put("content", content == null ? "" : content.text());
            return;
        }
        out.put("content", content.text());
        ArrayNode images = null;
        for (ContentPart part : ((MessageContent.Parts) content).parts()) {
            if (part instanceof ContentPart.ImagePart image) {
                if (images == null) {
                    images = out.putArray("images");
                }
                images.add(base64Of(image.url()));
            } else if (part instanceof ContentPart.OtherPart other) {
                throw new GatewayException(ErrorKind.INVALID_REQUEST,
                        "Ollama does not accept content parts of type '" + other.type() + "'.", "messages",
                        "unsupported_content");
            }
        }
    }

    /** The payload of a {@code data:} URL. The gateway does not fetch remote images for Ollama. */
    private static String base64Of(String url) {
        int comma = url.indexOf(',');
        if (!url.startsWith("data:") || comma < 0 || !url.substring(0, comma).endsWith(";base64")) {
            throw new GatewayException(ErrorKind.INVALID_REQUEST,
                    "Ollama takes images as base64 data: URLs only (data:image/png;base64,...).", "messages",
                    "unsupported_content");
        }
        return url.substring(comma + 1);
    }

    /** Ollama wants arguments as a JSON object, where OpenAI sends a JSON text. */
    private static JsonNode argumentsObject(String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return WireJson.object();
        }
        try {
            JsonNode node = WireJson.MAPPER.readTree(arguments);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new GatewayException(ErrorKind.INVALID_REQUEST,
                "A tool call's arguments must be a JSON object for Ollama.", "messages", "invalid_value");
    }

    /**
     * Ollama has no tool_choice: {@code none} is honoured by not offering the tools; {@code required}
     * or a named function cannot be enforced and is refused unless parameters may be dropped.
     */
    private static void writeTools(ObjectNode body, ChatRequest r, Deployment d) {
        JsonNode choice = r.toolChoice();
        if (r.tools().isEmpty() || (choice != null && choice.isTextual() && choice.textValue().equals("none"))) {
            return;
        }
        if (choice != null && !(choice.isTextual() && choice.textValue().equals("auto"))) {
            unsupported(d, "tool_choice", "Ollama cannot be made to call a tool; only tool_choice auto or none.");
        }
        ArrayNode out = body.putArray("tools");
        for (Tool t : r.tools()) {
            ObjectNode fn = out.addObject().put("type", "function").putObject("function");
            fn.put("name", t.name());
            if (t.description() != null) {
                fn.put("description", t.description());
            }
            if (t.parameters() != null) {
                fn.set("parameters", t.parameters());
            }
        }
    }

    /** {@code "json"} for json_object; the schema itself for json_schema (docs/api.md, "Structured outputs"). */
    private static void writeFormat(ObjectNode body, JsonNode format) {
        if (format == null || !format.isObject()) {
            return;
        }
        switch (format.path("type").asText("text")) {
            case "json_object" -> body.put("format", "json");
            case "json_schema" -> {
                JsonNode schema = format.path("json_schema").get("schema");
                if (schema != null && schema.isObject()) {
                    body.set("format", schema);
                } else {
                    body.put("format", "json");
                }
            }
            default -> {
            }
        }
    }

    private static String textOf(ChatMessage m) {
        String text = m.text();
        return text == null ? "" : text;
    }
}
