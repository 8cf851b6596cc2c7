package io.switchboard.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An embeddings request in OpenAI's shape.
 *
 * @param input          a string, an array of strings, an array of token ids or an array of such arrays, as sent
 * @param base64         whether the client wants vectors as base64 little-endian float32 (both official SDKs' default)
 * @param extra          other fields, kept for the provider
 */
public record EmbeddingRequest(String model, JsonNode input, boolean base64, Integer dimensions, String user,
                               ObjectNode extra) {

    public EmbeddingRequest withModel(String newModel) {
        return new EmbeddingRequest(newModel, input, base64, dimensions, user, extra);
    }
}
