package io.switchboard.cache;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.chat.WireJson;
import io.switchboard.embedding.EmbeddingResponse;
import io.switchboard.embedding.EmbeddingVectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Embedding answers as the cache keeps them: JSON with each vector as compact base64 float32. */
final class EmbeddingAnswers implements AnswerCodec<EmbeddingResponse> {
    static final EmbeddingAnswers CODEC = new EmbeddingAnswers();

    private EmbeddingAnswers() {
    }

    @Override
    public byte[] write(EmbeddingResponse answer, Instant storedAt) {
        return WireJson.render(g -> {
            g.writeStartObject();
            g.writeNumberField("stored_at_ms", storedAt.toEpochMilli());
            g.writeStringField("model", answer.model());
            g.writeNumberField("prompt_tokens", answer.promptTokens());
            g.writeNumberField("total_tokens", answer.totalTokens());
            g.writeArrayFieldStart("vectors");
            for (float[] v : answer.vectors()) {
                g.writeString(EmbeddingVectors.toBase64(v));
            }
            g.writeEndArray();
            g.writeEndObject();
        }).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Stored<EmbeddingResponse> read(byte[] bytes) {
        try {
            JsonNode root = WireJson.MAPPER.readTree(bytes);
            if (!root.path("vectors").isArray() || !root.path("stored_at_ms").canConvertToLong()) {
                return null;
            }
            List<float[]> vectors = new ArrayList<>();
            root.path("vectors").forEach(v -> vectors.add(EmbeddingVectors.fromBase64(v.asText())));
            return new Stored<>(new EmbeddingResponse(root.path("model").asText(), vectors,
                    root.path("prompt_tokens").asInt(), root.path("total_tokens").asInt()),
                    Instant.ofEpochMilli(root.path("stored_at_ms").asLong()));
        } catch (IOException | RuntimeException e) {
            return null; // an entry of another kind or an older format: a miss, never a failed call
        }
    }
}
