package io.switchboard.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.GatewayException;
import io.switchboard.chat.FieldReader;
import java.util.Set;

/** Reads and validates an embeddings request body; every refusal is a 400 naming the parameter. */
public final class EmbeddingRequestReader {
    private static final Set<String> TYPED = Set.of("model", "input", "encoding_format", "dimensions", "user");
    private static final int MAX_INPUTS = 2048;

    private EmbeddingRequestReader() {
    }

    public static EmbeddingRequest read(JsonNode body) {
        FieldReader f = new FieldReader(body, "");
        String model = f.requiredString("model");
        JsonNode input = f.get("input");
        if (input == null) {
            throw GatewayException.missing("input");
        }
        checkInput(input);
        String format = f.string("encoding_format");
        if (format != null && !format.equals("float") && !format.equals("base64")) {
            throw GatewayException.invalidRequest("Invalid value for 'encoding_format': '" + format
                    + "'. Supported values are: 'float' and 'base64'.", "encoding_format");
        }
        return new EmbeddingRequest(model, input, "base64".equals(format), f.integer("dimensions", 1, 65536),
                f.string("user"), f.fieldsOtherThan(TYPED));
    }

    /** A string, or a non-empty array of strings, of token ids, or of token-id arrays (OpenAI's four forms). */
    private static void checkInput(JsonNode input) {
        if (input.isTextual()) {
            return;
        }
        if (!input.isArray() || input.isEmpty()) {
            throw GatewayException.invalidRequest("'input' must be a string or a non-empty array.", "input");
        }
        if (input.size() > MAX_INPUTS) {
            throw GatewayException.invalidRequest("'input' may hold at most " + MAX_INPUTS + " items.", "input");
        }
        JsonNode first = input.get(0);
        for (JsonNode item : input) {
            boolean same = first.isTextual() ? item.isTextual()
                    : first.isIntegralNumber() ? item.isIntegralNumber()
                    : first.isArray() && item.isArray() && allIntegers(item);
            if (!same) {
                throw GatewayException.invalidRequest("'input' must be a string, an array of strings, an array of"
                        + " token ids or an array of token-id arrays.", "input");
            }
        }
    }

    private static boolean allIntegers(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isIntegralNumber()) {
                return false;
            }
        }
        return !array.isEmpty();
    }
}
