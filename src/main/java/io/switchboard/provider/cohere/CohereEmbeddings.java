package io.switchboard.provider.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.chat.WireJson;
import io.switchboard.embedding.EmbeddingRequest;
import io.switchboard.embedding.EmbeddingResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cohere's {@code POST /v2/embed} (docs.cohere.com/reference/embed): {@code texts} instead of
 * {@code input}, a required {@code input_type}, float vectors asked for by {@code embedding_types},
 * and {@code output_dimension} for OpenAI's {@code dimensions}.
 */
final class CohereEmbeddings {
    /** LiteLLM's default: the inputs are stored to be searched later. */
    static final String DEFAULT_INPUT_TYPE = "search_document";

    private CohereEmbeddings() {
    }

    static byte[] write(EmbeddingRequest r, String upstreamModel) {
        ObjectNode body = WireJson.object();
        body.put("model", upstreamModel);
        ArrayNode texts = body.putArray("texts");
        JsonNode input = r.input();
        if (input.isTextual()) {
            texts.add(input.textValue());
        } else {
            for (JsonNode item : input) {
                if (!item.isTextual()) {
                    throw new GatewayException(ErrorKind.INVALID_REQUEST,
                            "Cohere embeds text only; token-id arrays are not supported.", "input", "invalid_value");
                }
                texts.add(item.textValue());
            }
        }
        JsonNode inputType = r.extra() == null ? null : r.extra().get("input_type");
        body.put("input_type", inputType != null && inputType.isTextual() ? inputType.textValue() : DEFAULT_INPUT_TYPE);
        body.putArray("embedding_types").add("float");
        if (r.dimensions() != null) {
            body.put("output_dimension", r.dimensions());
        }
        if (r.extra() != null) {
            r.extra().properties().forEach(f -> {
                if (!f.getKey().equals("input_type")) {
                    body.set(f.getKey(), f.getValue()); // truncate, max_tokens, ...: Cohere's own names
                }
            });
        }
        return WireJson.render(body).getBytes(StandardCharsets.UTF_8);
    }

    static EmbeddingResponse read(byte[] body, String model) {
        JsonNode root = CohereResponseReader.parse(body);
        JsonNode floats = root.path("embeddings").path("float");
        if (!floats.isArray()) {
            throw CohereResponseReader.garbage();
        }
        List<float[]> vectors = new ArrayList<>(floats.size());
        for (JsonNode embedding : floats) {
            if (!embedding.isArray()) {
                throw CohereResponseReader.garbage();
            }
            float[] v = new float[embedding.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = embedding.get(i).floatValue();
            }
            vectors.add(v);
        }
        int tokens = root.path("meta").path("billed_units").path("input_tokens").asInt(0);
        return new EmbeddingResponse(model, vectors, tokens, tokens);
    }
}
