package io.switchboard.embedding;

import java.util.List;

/** Embedding vectors in input order, with the prompt tokens they cost. */
public record EmbeddingResponse(String model, List<float[]> vectors, int promptTokens, int totalTokens) {

    public EmbeddingResponse {
        vectors = List.copyOf(vectors);
    }
}
