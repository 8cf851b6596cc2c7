package io.switchboard.rerank;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.GatewayException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads and checks a rerank body. Documents may be strings or objects (Cohere v1's structured
 * documents): an object with {@code text} ranks by it, any other object by its fields as
 * {@code key: value} lines, restricted to {@code rank_fields} when given, which is how Cohere's
 * v2 API asks for structured documents to be sent.
 */
public final class RerankRequestReader {
    /** Cohere's own limit per call (docs.cohere.com/reference/rerank). */
    static final int MAX_DOCUMENTS = 10_000;

    private RerankRequestReader() {
    }

    public static RerankRequest read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw GatewayException.invalidRequest("The body must be a JSON object.", null);
        }
        String model = requiredText(body, "model");
        String query = requiredText(body, "query");
        JsonNode documents = body.get("documents");
        if (documents == null || !documents.isArray() || documents.isEmpty()) {
            throw GatewayException.invalidRequest("documents must be a non-empty array of strings or objects.",
                    "documents");
        }
        if (documents.size() > MAX_DOCUMENTS) {
            throw GatewayException.invalidRequest("documents may hold at most " + MAX_DOCUMENTS + " entries.",
                    "documents");
        }
        List<String> rankFields = rankFields(body.get("rank_fields"));
        List<String> texts = new ArrayList<>(documents.size());
        for (JsonNode document : documents) {
            texts.add(text(document, rankFields));
        }
        return new RerankRequest(model, query, texts, positive(body, "top_n"),
                body.path("return_documents").asBoolean(false), positive(body, "max_tokens_per_doc"));
    }

    private static String text(JsonNode document, List<String> rankFields) {
        if (document.isTextual()) {
            return document.asText();
        }
        if (!document.isObject()) {
            throw GatewayException.invalidRequest("each document must be a string or an object.", "documents");
        }
        if (rankFields == null && document.path("text").isTextual()) {
            return document.get("text").asText();
        }
        StringBuilder lines = new StringBuilder();
        for (var fields = document.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (rankFields == null || rankFields.contains(field.getKey())) {
                lines.append(field.getKey()).append(": ")
                        .append(field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString())
                        .append('\n');
            }
        }
        return lines.toString().strip();
    }

    private static List<String> rankFields(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw GatewayException.wrongType("rank_fields", "an array of strings");
        }
        List<String> fields = new ArrayList<>();
        node.forEach(f -> fields.add(f.asText()));
        return fields;
    }

    private static String requiredText(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw GatewayException.missing(field);
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw GatewayException.wrongType(field, "a non-empty string");
        }
        return value.asText();
    }

    private static Integer positive(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
            throw GatewayException.wrongType(field, "a positive integer");
        }
        return value.asInt();
    }
}
