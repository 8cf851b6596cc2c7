package io.switchboard.provider.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.chat.WireJson;
import io.switchboard.embedding.EmbeddingRequest;
import io.switchboard.embedding.EmbeddingResponse;
import io.switchboard.provider.Deployment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Ollama's {@code POST /api/embed} (docs/api.md, "Generate Embeddings"): {@code input} is a string or
 * a list of strings, the answer {@code {"model","embeddings":[[...]],"prompt_eval_count"}}.
 */
final class OllamaEmbeddings {
    private OllamaEmbeddings() {
    }

    static byte[] write(EmbeddingRequest r, String upstreamModel) {
        ObjectNode body = WireJson.object();
        body.put("model", upstreamModel);
        JsonNode input = r.input();
        boolean text = input.isTextual() || (input.isArray() && iterable(input).allMatch(JsonNode::isTextual));
        if (!text) {
            throw new GatewayException(ErrorKind.INVALID_REQUEST,
                    "Ollama embeds text only; token-id arrays are not supported.", "input", "invalid_value");
        }
        body.set("input", input);
        if (r.dimensions() != null) {
            body.put("dimensions", r.dimensions());
        }
        if (r.extra() != null) {
            r.extra().properties().forEach(f -> body.set(f.getKey(), f.getValue())); // truncate, keep_alive, options
        }
        return WireJson.render(body).getBytes(StandardCharsets.UTF_8);
    }

    static EmbeddingResponse read(byte[] body, String fallbackModel, Deployment deployment) {
        JsonNode root = OllamaResponseReader.parse(new String(body, StandardCharsets.UTF_8), deployment);
        JsonNode embeddings = root.get("embeddings");
        if (embeddings == null || !embeddings.isArray()) {
            throw OllamaResponseReader.garbage();
        }
        List<float[]> vectors = new ArrayList<>(embeddings.size());
        for (JsonNode embedding : embeddings) {
            if (!embedding.isArray()) {
                throw OllamaResponseReader.garbage();
            }
            float[] v = new float[embedding.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = embedding.get(i).floatValue();
            }
            vectors.add(v);
        }
        int tokens = root.path("prompt_eval_count").asInt(0);
        String model = root.path("model").asText("");
        return new EmbeddingResponse(model.isEmpty() ? fallbackModel : model, vectors, tokens, tokens);
    }

    private static java.util.stream.Stream<JsonNode> iterable(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }
}
