package io.switchboard.provider.vertex;

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
 * Vertex AI text embeddings ({@code :predict}, reference §3.4; cloud.google.com/vertex-ai/generative-ai/docs/
 * model-reference/text-embeddings-api): {@code {"instances":[{"content":…}],"parameters":{"outputDimensionality":n}}}
 * answered by {@code {"predictions":[{"embeddings":{"values":[…],"statistics":{"token_count":…}}}]}}.
 */
final class VertexEmbeddings {
    private VertexEmbeddings() {
    }

    static byte[] write(EmbeddingRequest r) {
        ObjectNode body = WireJson.object();
        ArrayNode instances = body.putArray("instances");
        JsonNode input = r.input();
        List<JsonNode> items = new ArrayList<>();
        if (input != null && input.isArray()) {
            input.forEach(items::add);
        } else if (input != null) {
            items.add(input);
        }
        for (JsonNode item : items) {
            if (!item.isTextual()) {
                throw GatewayException.invalidRequest("Vertex AI embeddings take text input only, not token ids.",
                        "input");
            }
            instances.addObject().put("content", item.textValue());
        }
        if (instances.isEmpty()) {
            throw GatewayException.invalidRequest("'input' must be a string or a non-empty array of strings.", "input");
        }
        if (r.dimensions() != null) {
            body.putObject("parameters").put("outputDimensionality", r.dimensions());
        }
        return WireJson.render(body).getBytes(StandardCharsets.UTF_8);
    }

    static EmbeddingResponse read(byte[] body, EmbeddingRequest r) {
        JsonNode predictions;
        try {
            predictions = WireJson.MAPPER.readTree(body).path("predictions");
        } catch (Exception e) {
            throw garbage();
        }
        if (!predictions.isArray() || predictions.isEmpty()) {
            throw garbage();
        }
        List<float[]> vectors = new ArrayList<>();
        int tokens = 0;
        for (JsonNode p : predictions) {
            JsonNode values = p.path("embeddings").path("values");
            if (!values.isArray()) {
                throw garbage();
            }
            float[] v = new float[values.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = values.get(i).floatValue();
            }
            vectors.add(v);
            tokens += p.path("embeddings").path("statistics").path("token_count").asInt(0);
        }
        return new EmbeddingResponse(r.model(), vectors, tokens, tokens);
    }

    private static GatewayException garbage() {
        return new GatewayException(ErrorKind.UPSTREAM_ERROR, "The provider sent a response that could not be read.",
                null, "upstream_invalid_response");
    }
}
