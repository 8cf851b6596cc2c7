package io.switchboard.provider.cohere;

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
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a canonical request as a Cohere {@code POST /v2/chat} body (docs.cohere.com/reference/chat).
 * Parameters Cohere cannot honour are refused with a 400 naming them, or left out when the deployment
 * sets {@code drop_params}, as LiteLLM does.
 */
final class CohereRequestWriter {
    private CohereRequestWriter() {
    }

    static byte[] write(ChatRequest r, Deployment d) {
        ObjectNode body = WireJson.object();
        body.put("model", d.upstreamModel());
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage m : r.messages()) {
            messages.add(message(m, d));
        }
        body.put("stream", r.stream());
        writeTools(body, r);
        writeResponseFormat(body, r.responseFormat());
        Integer max = r.maxCompletionTokens() != null ? r.maxCompletionTokens() : r.maxTokens();
        if (max != null) {
            body.put("max_tokens", max);
        }
        if (r.temperature() != null) {
            body.put("temperature", r.temperature());
        }
        if (r.topP() != null) {
            body.put("p", r.topP());
        }
        if (!r.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop_sequences");
            r.stop().forEach(stop::add);
        }
        if (r.seed() != null) {
            body.put("seed", r.seed());
        }
        refuseUnsupported(r, d);
        // user and metadata only label the call for OpenAI; they change nothing in the answer, so they are not sent.
        if (r.extra() != null) {
            for (var field : r.extra().properties()) {
                // LiteLLM's name for Cohere's k; anything else (frequency_penalty, documents, safety_mode, ...)
                // is Cohere's own or shared spelling and goes through as sent.
                body.set(field.getKey().equals("top_k") ? "k" : field.getKey(), field.getValue());
            }
        }
        return WireJson.render(body).getBytes(StandardCharsets.UTF_8);
    }

    private static void refuseUnsupported(ChatRequest r, Deployment d) {
        if (r.choiceCount() > 1) {
            unsupported(d, "n", "Cohere returns one choice per call; n > 1 is not supported.");
        }
        if (Boolean.TRUE.equals(r.logprobs()) || r.topLogprobs() != null) {
            unsupported(d, "logprobs", "Log probabilities are not supported for Cohere models.");
        }
        if (Boolean.FALSE.equals(r.parallelToolCalls())) {
            unsupported(d, "parallel_tool_calls", "Cohere cannot be told to make one tool call at a time.");
        }
        if (r.reasoningEffort() != null) {
            unsupported(d, "reasoning_effort", "reasoning_effort is not supported for Cohere models.");
        }
    }

    static void unsupported(Deployment d, String param, String message) {
        if (!d.dropParams()) {
            throw new GatewayException(ErrorKind.INVALID_REQUEST,
                    message + " Set drop_params: true to leave it out.", param, "unsupported_params");
        }
    }

    private static ObjectNode message(ChatMessage m, Deployment d) {
        ObjectNode out = WireJson.object();
        switch (m.role()) {
            case "system", "developer" -> {
                out.put("role", "system");
                out.put("content", textOf(m));
            }
            case "user" -> {
                out.put("role", "user");
                userContent(out, m.content());
            }
            case "assistant" -> assistant(out, m);
            case "tool" -> {
                // A tool result as a document Cohere can cite (docs.cohere.com/docs/tool-use, "tool results").
                out.put("role", "tool");
                out.put("tool_call_id", m.toolCallId());
                ObjectNode document = out.putArray("content").addObject().put("type", "document")
                        .putObject("document");
                document.put("data", textOf(m));
            }
            default -> throw new GatewayException(ErrorKind.INVALID_REQUEST,
                    "Cohere does not accept messages with role '" + m.role() + "'.", "messages", "unsupported_role");
        }
        return out;
    }

    private static void assistant(ObjectNode out, ChatMessage m) {
        out.put("role", "assistant");
        String text = m.text();
        if (text != null && !text.isEmpty()) {
            out.put("content", text);
        }
        if (!m.toolCalls().isEmpty()) {
            // The plan Cohere wrote before its calls came back to the client as reasoning_content.
            JsonNode plan = m.extra() == null ? null : m.extra().get("tool_plan");
            String toolPlan = plan != null && plan.isTextual() ? plan.textValue() : m.reasoningContent();
            if (toolPlan != null && !toolPlan.isEmpty()) {
                out.put("tool_plan", toolPlan);
            }
            ArrayNode calls = out.putArray("tool_calls");
            for (ToolCall call : m.toolCalls()) {
                ObjectNode c = calls.addObject();
                c.put("id", call.id());
                c.put("type", "function");
                c.putObject("function").put("name", call.name())
                        .put("arguments", call.arguments() == null ? "{}" : call.arguments());
            }
        }
    }

    private static void userContent(ObjectNode out, MessageContent content) {
        if (content == null || content instanceof MessageContent.Text) {
            out.put("content", content == null ? "" : content.text());
            return;
        }
        ArrayNode parts = out.putArray("content");
        for (ContentPart part : ((MessageContent.Parts) content).parts()) {
            if (part instanceof ContentPart.TextPart t) {
                parts.addObject().put("type", "text").put("text", t.text());
            } else if (part instanceof ContentPart.ImagePart image) {
                // Vision models take OpenAI's image_url part as is (docs.cohere.com/docs/image-inputs).
                ObjectNode url = parts.addObject().put("type", "image_url").putObject("image_url");
                url.put("url", image.url());
                if (image.detail() != null) {
                    url.put("detail", image.detail());
                }
            } else {
                ContentPart.OtherPart other = (ContentPart.OtherPart) part;
                throw new GatewayException(ErrorKind.INVALID_REQUEST,
                        "Cohere does not accept content parts of type '" + other.type() + "'.", "messages",
                        "unsupported_content");
            }
        }
    }

    private static String textOf(ChatMessage m) {
        String text = m.text();
        return text == null ? "" : text;
    }

    /**
     * Cohere has no "call this function" choice: a named function is served by offering only that
     * tool and requiring a call. {@code auto} is Cohere's default and is not sent.
     */
    private static void writeTools(ObjectNode body, ChatRequest r) {
        List<Tool> tools = r.tools();
        JsonNode choice = r.toolChoice();
        String mode = null;
        if (choice != null && choice.isTextual()) {
            mode = switch (choice.textValue()) {
                case "required" -> "REQUIRED";
                case "none" -> "NONE";
                default -> null;
            };
        } else if (choice != null && choice.isObject()) {
            String wanted = choice.path("function").path("name").asText();
            tools = tools.stream().filter(t -> t.name().equals(wanted)).toList();
            if (tools.isEmpty()) {
                throw new GatewayException(ErrorKind.INVALID_REQUEST,
                        "tool_choice names the function '" + wanted + "', which is not among the tools.",
                        "tool_choice", "invalid_value");
            }
            mode = "REQUIRED";
        }
        if (tools.isEmpty()) {
            return;
        }
        ArrayNode out = body.putArray("tools");
        for (Tool t : tools) {
            ObjectNode fn = out.addObject().put("type", "function").putObject("function");
            fn.put("name", t.name());
            if (t.description() != null) {
                fn.put("description", t.description());
            }
            if (t.parameters() != null) {
                fn.set("parameters", t.parameters());
            }
        }
        if (mode != null) {
            body.put("tool_choice", mode);
        }
    }

    /** json_object as is; a JSON schema goes under json_object's {@code json_schema} (docs.cohere.com/docs/structured-outputs). */
    private static void writeResponseFormat(ObjectNode body, JsonNode format) {
        if (format == null || !format.isObject()) {
            return;
        }
        String type = format.path("type").asText("text");
        if (type.equals("json_object")) {
            body.putObject("response_format").put("type", "json_object");
        } else if (type.equals("json_schema")) {
            ObjectNode out = body.putObject("response_format").put("type", "json_object");
            JsonNode schema = format.path("json_schema").get("schema");
            if (schema != null && !schema.isNull()) {
                out.set("json_schema", schema);
            }
        }
    }
}
