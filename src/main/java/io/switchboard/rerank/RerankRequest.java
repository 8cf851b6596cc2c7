package io.switchboard.rerank;

import java.util.List;

/**
 * A rerank call as clients send it to LiteLLM (Cohere's shape).
 *
 * @param documents       the texts to rank (objects already flattened to text, see {@link RerankRequestReader})
 * @param topN            how many results to return; null: all
 * @param returnDocuments whether each result repeats its document's text
 * @param maxTokensPerDoc Cohere's truncation length per document; null: the provider's default
 */
public record RerankRequest(String model, String query, List<String> documents, Integer topN,
                            boolean returnDocuments, Integer maxTokensPerDoc) {

    public RerankRequest {
        documents = List.copyOf(documents);
    }

    public RerankRequest withModel(String newModel) {
        return new RerankRequest(newModel, query, documents, topN, returnDocuments, maxTokensPerDoc);
    }
}
