package io.switchboard.modelinfo;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.chat.WireJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * LiteLLM's model table, read once. Looked up as LiteLLM does: {@code provider/model} first (the
 * table keys some models that way, e.g. {@code groq/llama-3.3-70b-versatile}), then the bare model id.
 */
public final class ModelTable {
    static final String RESOURCE = "modelinfo/model_prices_and_context_window.json";

    private final Map<String, ModelFacts> facts;

    private ModelTable(Map<String, ModelFacts> facts) {
        this.facts = facts;
    }

    public static ModelTable bundled() {
        try (InputStream in = ModelTable.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The model table " + RESOURCE + " is missing from the application");
            }
            return parse(WireJson.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("The model table could not be read", e);
        }
    }

    static ModelTable parse(JsonNode root) {
        Map<String, ModelFacts> facts = new HashMap<>(root.size() * 2);
        for (var entry : root.properties()) {
            if (!entry.getKey().equals("sample_spec") && entry.getValue().isObject()) {
                facts.put(entry.getKey(), fromJson(entry.getValue()));
            }
        }
        return new ModelTable(facts);
    }

    /** Facts from a JSON object with the table's field names (the table itself, or {@code model_info}). */
    public static ModelFacts fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            return ModelFacts.UNKNOWN;
        }
        return new ModelFacts(integer(node, "max_input_tokens"),
                node.hasNonNull("max_output_tokens") ? integer(node, "max_output_tokens") : integer(node, "max_tokens"),
                decimal(node, "input_cost_per_token"), decimal(node, "output_cost_per_token"),
                node.hasNonNull("mode") ? node.get("mode").asText() : null,
                decimal(node, "cache_read_input_token_cost"), decimal(node, "output_cost_per_reasoning_token"));
    }

    public ModelFacts lookup(String provider, String model) {
        ModelFacts found = facts.get(provider + "/" + model);
        if (found == null) {
            found = facts.get(model);
        }
        return found == null ? ModelFacts.UNKNOWN : found;
    }

    public int size() {
        return facts.size();
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.canConvertToInt() ? value.intValue() : null;
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            return null;
        }
        return value.isBigDecimal() ? value.decimalValue() : new BigDecimal(value.asText());
    }
}
