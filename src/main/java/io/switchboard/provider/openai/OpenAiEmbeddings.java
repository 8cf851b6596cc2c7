package io.switchboard.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.chat.ChatJsonWriter;
import io.switchboard.chat.WireJson;
import io.switchboard.embedding.EmbeddingRequest;
import io.switchboard.embedding.EmbeddingResponse;
import io.switchboard.embedding.EmbeddingVectors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** OpenAI's {@code /embeddings} body, and its response with vectors as float arrays or base64. */
final class OpenAiEmbeddings {
    private OpenAiEmbeddings() {
    }

    static byte[] write(EmbeddingRequest r, String upstreamModel, boolean base64) {
        return WireJson.render(g -> {
            g.writeStartObject();
            g.writeStringField("model", upstreamModel);
            g.writeFieldName("input");
            g.writeTree(r.input());
            g.writeStringField("encoding_format", base64 ? "base64" : "float");
            if (r.dimensions() != null) {
                g.writeNumberField("dimensions", r.dimensions());
            }
            if (r.user() != null) {
                g.writeStringField("user", r.user());
            }
            ChatJsonWriter.writeExtra(g, r.extra());
            g.writeEndObject();
        }).getBytes(StandardCharsets.UTF_8);
    }

    static EmbeddingResponse read(byte[] body, String fallbackModel) {
        JsonNode root = OpenAiResponseReader.parse(body);
        JsonNode data = root.get("data");
        if (data == null || !data.isArray()) {
            throw OpenAiResponseReader.garbage();
        }
        float[][] ordered = new float[data.size()][];
        for (JsonNode item : data) {
            int index = item.path("index").asInt(-1);
            if (index < 0 || index >= ordered.length || ordered[index] != null) {
                throw OpenAiResponseReader.garbage();
            }
            ordered[index] = vector(item.get("embedding"));
        }
        List<float[]> vectors = new ArrayList<>(List.of(ordered));
        JsonNode usage = root.path("usage");
        int prompt = usage.path("prompt_tokens").asInt(0);
        String model = root.path("model").asText("");
        return new EmbeddingResponse(model.isEmpty() ? fallbackModel : model, vectors, prompt,
                usage.path("total_tokens").asInt(prompt));
    }

    private static float[] vector(JsonNode embedding) {
        if (embedding == null) {
            throw OpenAiResponseReader.garbage();
        }
        if (embedding.isTextual()) {
            return EmbeddingVectors.fromBase64(embedding.textValue());
        }
        if (!embedding.isArray()) {
            throw OpenAiResponseReader.garbage();
        }
        float[] v = new float[embedding.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = embedding.get(i).floatValue();
        }
        return v;
    }
}
