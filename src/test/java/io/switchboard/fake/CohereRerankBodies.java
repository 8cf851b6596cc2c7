package io.switchboard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cohere's v2 rerank (docs.cohere.com/reference/rerank): {@code model}, {@code query}, and
 * {@code documents} as strings (v2 dropped structured documents, {@code rank_fields} and
 * {@code return_documents}); results best first as {@code {index, relevance_score}}, one search unit
 * per 100 documents. The fake scores a document by the share of the query's words it contains, so
 * tests know the order to expect.
 */
final class CohereRerankBodies {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> MODELS = Set.of("rerank-v3.5", "rerank-english-v3.0", "rerank-multilingual-v3.0");
    private static final Set<String> FIELDS = Set.of("model", "query", "documents", "top_n", "max_tokens_per_doc",
            "priority");

    private CohereRerankBodies() {
    }

    /** What Cohere would refuse in this body, or null. */
    static String problem(JsonNode body) {
        for (var names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                return "unknown field: parameter " + name + " is not a valid field";
            }
        }
        if (!body.path("query").isTextual() || body.path("query").asText().isBlank()) {
            return "query must be a non-empty string";
        }
        JsonNode documents = body.path("documents");
        if (!documents.isArray() || documents.isEmpty()) {
            return "documents must be a non-empty list";
        }
        for (JsonNode document : documents) {
            if (!document.isTextual()) {
                return "documents must be a list of strings";
            }
        }
        JsonNode topN = body.get("top_n");
        if (topN != null && (!topN.isIntegralNumber() || topN.asInt() < 1)) {
            return "top_n must be a positive integer";
        }
        return null;
    }

    static ObjectNode answer(String id, JsonNode body) {
        List<String> query = words(body.path("query").asText());
        JsonNode documents = body.path("documents");
        List<double[]> scored = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            List<String> words = words(documents.get(i).asText());
            long hits = query.stream().filter(words::contains).count();
            scored.add(new double[] {i, query.isEmpty() ? 0 : (hits + 0.01) / (query.size() + 0.01)});
        }
        scored.sort(Comparator.<double[]>comparingDouble(s -> -s[1]).thenComparingDouble(s -> s[0]));
        int topN = body.has("top_n") ? Math.min(body.get("top_n").asInt(), scored.size()) : scored.size();
        ObjectNode answer = JSON.createObjectNode();
        answer.put("id", id);
        ArrayNode results = answer.putArray("results");
        for (double[] s : scored.subList(0, topN)) {
            results.addObject().put("index", (int) s[0]).put("relevance_score", Math.min(1.0, s[1]));
        }
        ObjectNode meta = answer.putObject("meta");
        meta.putObject("api_version").put("version", "2");
        meta.putObject("billed_units").put("search_units", (documents.size() + 99) / 100);
        return answer;
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }
}
