package io.switchboard.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.GatewayException;
import io.switchboard.chat.WireJson;
import io.switchboard.embedding.EmbeddingRequest;
import io.switchboard.embedding.EmbeddingResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Embeddings through {@code models/{model}:batchEmbedContents} (reference §1.2, §3.4): one request per input
 * text, {@code {"requests":[{"model":"models/x","content":{"parts":[{"text":…}]}}]}}, answered with
 * {@code {"embeddings":[{"values":[…]}]}} in input order. Gemini reports no token count, so usage is zero.
 */
final class GeminiEmbeddings {
    private GeminiEmbeddings() {
    }

    static byte[] write(EmbeddingRequest r, String model) {
        ObjectNode body = WireJson.object();
        ArrayNode requests = body.putArray("requests");
        for (String text : texts(r.input())) {
            ObjectNode one = requests.addObject();
            one.put("model", "models/" + model);
            one.putObject("content").putArray("parts").addObject().put("text", text);
            if (r.dimensions() != null) {
                one.put("outputDimensionality", r.dimensions());
            }
        }
        return WireJson.render(body).getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> texts(JsonNode input) {
        List<String> texts = new ArrayList<>();
        if (input != null && input.isTextual()) {
            texts.add(input.textValue());
        } else if (input != null && input.isArray()) {
            for (JsonNode item : input) {
                if (!item.isTextual()) {
                    throw GatewayException.invalidRequest("Gemini embeddings take text input only, not token ids.",
                            "input");
                }
                texts.add(item.textValue());
            }
        }
        if (texts.isEmpty()) {
            throw GatewayException.invalidRequest("'input' must be a string or a non-empty array of strings.",
                    "input");
        }
        return texts;
    }

    static EmbeddingResponse read(byte[] body, String model, int expected) {
        JsonNode embeddings = GeminiResponseReader.parse(body).path("embeddings");
        if (!embeddings.isArray() || embeddings.size() != expected) {
            throw GeminiResponseReader.garbage();
        }
        List<float[]> vectors = new ArrayList<>(expected);
        for (JsonNode e : embeddings) {
            JsonNode values = e.path("values");
            if (!values.isArray()) {
                throw GeminiResponseReader.garbage();
            }
            float[] v = new float[values.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = values.get(i).floatValue();
            }
            vectors.add(v);
        }
        return new EmbeddingResponse(model, vectors, 0, 0);
    }

    static int count(JsonNode input) {
        return input != null && input.isArray() ? input.size() : 1;
    }
}
