package io.switchboard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns OpenAI-shaped bodies into what classic Azure OpenAI sends, following the recorded stream
 * {@code fixtures/azure/azure-model-router.1.chunks.txt} (vercel/ai) and reference §3.5:
 * <ul>
 * <li>a non-stream body gains {@code prompt_filter_results} and {@code choices[].content_filter_results};</li>
 * <li>a stream starts with the prompt-filter chunk
 * {@code {"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[…]}}; every choice
 * carries {@code content_filter_results}: the four categories on chunks with text, {@code {}} on the role and
 * finish chunks;</li>
 * <li>no {@code service_tier}; keys in alphabetical order, as Azure serialises them.</li>
 * </ul>
 */
final class AzureContentFilter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AzureContentFilter() {
    }

    static ObjectNode completion(ObjectNode body) {
        body.remove("service_tier");
        body.set("prompt_filter_results", promptFilterResults());
        for (JsonNode choice : body.path("choices")) {
            ((ObjectNode) choice).set("content_filter_results", categories("protected_material"));
        }
        return sorted(body);
    }

    static List<ObjectNode> stream(List<ObjectNode> chunks) {
        List<ObjectNode> azure = new ArrayList<>();
        ObjectNode promptFilter = JSON.createObjectNode();
        promptFilter.putArray("choices");
        promptFilter.put("created", 0).put("id", "").put("model", "").put("object", "");
        promptFilter.set("prompt_filter_results", promptFilterResults());
        azure.add(promptFilter);
        for (ObjectNode chunk : chunks) {
            chunk.remove("service_tier");
            for (JsonNode choice : chunk.path("choices")) {
                boolean hasText = !choice.path("delta").path("content").asText("").isEmpty()
                        || !choice.path("text").asText("").isEmpty();
                ((ObjectNode) choice).set("content_filter_results", hasText ? categories(null) : JSON.createObjectNode());
            }
            azure.add(sorted(chunk));
        }
        return azure;
    }

    private static ArrayNode promptFilterResults() {
        ArrayNode results = JSON.createArrayNode();
        results.addObject().put("prompt_index", 0).set("content_filter_results", categories("jailbreak"));
        return results;
    }

    /**
     * The four harm categories, plus "jailbreak" (prompt) or the two "protected_material_*" checks (completion),
     * in Azure's order: categories alphabetical, but {@code filtered} before {@code detected} (fixture line 1).
     */
    private static ObjectNode categories(String extra) {
        ObjectNode results = JSON.createObjectNode();
        severity(results, "hate");
        if ("jailbreak".equals(extra)) {
            results.putObject("jailbreak").put("filtered", false).put("detected", false);
        } else if ("protected_material".equals(extra)) {
            results.putObject("protected_material_code").put("filtered", false).put("detected", false);
            results.putObject("protected_material_text").put("filtered", false).put("detected", false);
        }
        severity(results, "self_harm");
        severity(results, "sexual");
        severity(results, "violence");
        return results;
    }

    private static void severity(ObjectNode results, String category) {
        results.putObject(category).put("filtered", false).put("severity", "safe");
    }

    /** A copy with object keys sorted at every level (arrays keep their order), except inside the filter results. */
    private static ObjectNode sorted(ObjectNode node) {
        Map<String, JsonNode> fields = new TreeMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            // Filter results keep Azure's own order: "prompt_index" first, "filtered" before "detected" (fixture).
            boolean keepOrder = field.getKey().endsWith("filter_results");
            fields.put(field.getKey(), keepOrder ? field.getValue() : sortedValue(field.getValue()));
        }
        ObjectNode copy = JSON.createObjectNode();
        fields.forEach(copy::set);
        return copy;
    }

    private static JsonNode sortedValue(JsonNode value) {
        if (value.isObject()) {
            return sorted((ObjectNode) value);
        }
        if (value.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            value.forEach(item -> copy.add(sortedValue(item)));
            return copy;
        }
        return value;
    }
}
