package io.switchboard.rerank;

import java.util.List;

/**
 * Ranked documents, best first.
 *
 * @param searchUnits what the provider billed (Cohere's {@code billed_units.search_units}); 0 when not reported
 */
public record RerankResponse(String id, List<Result> results, long searchUnits) {

    public RerankResponse {
        results = List.copyOf(results);
    }

    /** One ranked document: its position in the request and its score. */
    public record Result(int index, double relevanceScore) {
    }
}
