package io.switchboard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * InvokeModel embedding answers: Titan's {@code {"embedding":[…],"inputTextTokenCount":n}} (1536 values for v1,
 * 1024 or {@code dimensions} for v2) and Cohere's {@code {"id","embeddings":[[…]],"response_type":"embeddings_floats",
 * "texts":[…]}} (1024 values). Vectors are {@link EmbeddingBodies#vector}'s, so tests can predict them.
 */
final class BedrockEmbeddingBodies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BedrockEmbeddingBodies() {
    }

    static ObjectNode answer(String model, JsonNode body) {
        ObjectNode out = JSON.createObjectNode();
        if (model.contains("titan-embed")) {
            String text = body.path("inputText").asText();
            int size = model.contains("v1") ? 1536 : body.path("dimensions").asInt(1024);
            out.set("embedding", values(EmbeddingBodies.vector(text, size)));
            out.put("inputTextTokenCount", tokens(body));
            return out;
        }
        out.put("id", "emb-" + Integer.toHexString(body.hashCode()));
        ArrayNode embeddings = out.putArray("embeddings");
        for (JsonNode text : body.path("texts")) {
            embeddings.add(values(EmbeddingBodies.vector(text.asText(), 1024)));
        }
        out.put("response_type", "embeddings_floats");
        out.set("texts", body.path("texts"));
        return out;
    }

    static int tokens(JsonNode body) {
        int tokens = BedrockReplies.words(body.path("inputText").asText(""));
        for (JsonNode text : body.path("texts")) {
            tokens += BedrockReplies.words(text.asText());
        }
        return tokens;
    }

    private static ArrayNode values(float[] vector) {
        ArrayNode array = JSON.createArrayNode();
        for (float v : vector) {
            array.add(v);
        }
        return array;
    }
}
