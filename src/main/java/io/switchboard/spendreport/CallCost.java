package io.switchboard.spendreport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.chat.ChatRequestReader;
import io.switchboard.modelinfo.ModelFacts;
import io.switchboard.modelinfo.TokenCost;
import io.switchboard.spend.PromptTokens;
import java.math.BigDecimal;
import java.util.function.Function;

/**
 * {@code /spend/calculate}: the price of a call by {@link TokenCost#of}, the function that bills every
 * call, at the prices the call would be billed at. With {@code completion_response}, its {@code usage}
 * is priced (prompt, cached prompt, completion and reasoning tokens), so the answer equals the spend
 * row of that call; with {@code model} and {@code messages}, the prompt alone is priced, counted by the
 * tokenizer admission uses, as LiteLLM prices a request without a response.
 */
final class CallCost {
    private CallCost() {
    }

    /** @param prices the facts of the deployment a model name resolves to (its price table entry and model_info) */
    static BigDecimal of(ObjectNode body, Function<String, ModelFacts> prices) {
        JsonNode response = body.get("completion_response");
        if (response != null && !response.isNull()) {
            if (!response.isObject()) {
                throw invalid("completion_response must be a chat completion object.", "completion_response");
            }
            String model = text(body, "model") != null ? text(body, "model") : text(response, "model");
            if (model == null) {
                throw invalid("Name the model: 'model', or 'model' in completion_response.", "model");
            }
            JsonNode usage = response.get("usage");
            if (usage == null || !usage.isObject()) {
                throw invalid("completion_response has no usage to price.", "completion_response.usage");
            }
            return priced(prices.apply(model), count(usage, "prompt_tokens"),
                    count(usage.path("prompt_tokens_details"), "cached_tokens"), count(usage, "completion_tokens"),
                    count(usage.path("completion_tokens_details"), "reasoning_tokens"), model);
        }
        if (text(body, "model") == null || !body.has("messages")) {
            throw invalid("Send {model, messages} or {completion_response}.", body.has("messages") ? "model" : "messages");
        }
        ObjectNode request = body.objectNode();
        request.set("model", body.get("model"));
        request.set("messages", body.get("messages"));
        long prompt = PromptTokens.ofMessages(ChatRequestReader.read(request).messages());
        return priced(prices.apply(text(body, "model")), prompt, 0, 0, 0, text(body, "model"));
    }

    private static BigDecimal priced(ModelFacts facts, long input, long cached, long output, long reasoning,
            String model) {
        BigDecimal cost = TokenCost.of(facts, input, cached, output, reasoning);
        if (cost == null) {
            throw invalid("Model '" + model + "' has no price for the tokens used; price it in model_info.", "model");
        }
        return cost;
    }

    private static long count(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.longValue() < 0) {
            throw invalid(field + " must be a non-negative whole number.", "completion_response.usage." + field);
        }
        return value.longValue();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static GatewayException invalid(String message, String field) {
        return new GatewayException(ErrorKind.INVALID_REQUEST, message, field, "invalid_field");
    }
}
