package io.switchboard.provider.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.chat.WireJson;
import io.switchboard.rerank.RerankRequest;
import io.switchboard.rerank.RerankResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cohere's {@code POST /v2/rerank} (docs.cohere.com/reference/rerank): documents are plain strings
 * in v2, {@code return_documents} no longer exists (the gateway adds the texts back itself), and the
 * answer is {@code results[{index, relevance_score}]} best first with {@code meta.billed_units.search_units}.
 */
final class CohereRerank {
    private CohereRerank() {
    }

    static byte[] write(RerankRequest request, String upstreamModel) {
        ObjectNode body = WireJson.object();
        body.put("model", upstreamModel);
        body.put("query", request.query());
        var documents = body.putArray("documents");
        request.documents().forEach(documents::add);
        if (request.topN() != null) {
            body.put("top_n", request.topN());
        }
        if (request.maxTokensPerDoc() != null) {
            body.put("max_tokens_per_doc", request.maxTokensPerDoc());
        }
        return WireJson.render(body).getBytes(StandardCharsets.UTF_8);
    }

    static RerankResponse read(byte[] body, int documentCount) {
        JsonNode root = CohereResponseReader.parse(body);
        JsonNode results = root.path("results");
        if (!results.isArray()) {
            throw CohereResponseReader.garbage();
        }
        List<RerankResponse.Result> ranked = new ArrayList<>(results.size());
        for (JsonNode result : results) {
            JsonNode index = result.path("index");
            JsonNode score = result.path("relevance_score");
            if (!index.canConvertToInt() || index.asInt() < 0 || index.asInt() >= documentCount || !score.isNumber()) {
                throw CohereResponseReader.garbage();
            }
            ranked.add(new RerankResponse.Result(index.asInt(), score.asDouble()));
        }
        return new RerankResponse(root.path("id").asText(null), ranked,
                root.path("meta").path("billed_units").path("search_units").asLong(0));
    }
}
