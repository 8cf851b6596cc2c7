package io.switchboard.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.GatewayException;
import io.switchboard.chat.WireJson;
import io.switchboard.embedding.EmbeddingRequest;
import io.switchboard.embedding.EmbeddingResponse;
import io.switchboard.provider.UpstreamResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Bedrock embeddings through InvokeModel ({@code POST /model/{modelId}/invoke}), in each model family's own body:
 * <ul>
 *   <li>Titan ({@code amazon.titan-embed-text-v1}, {@code -v2:0}): {@code {"inputText":"…"}} (v2 also takes
 *   {@code dimensions}) → {@code {"embedding":[…],"inputTextTokenCount":n}}. One text a call: the gateway sends a
 *   list as one call per text (see {@link io.switchboard.provider.EmbeddingAdapter#maxInputsPerCall}).</li>
 *   <li>Cohere ({@code cohere.embed-*}): {@code {"texts":[…],"input_type":"search_document"}} (the request's own
 *   {@code input_type} and {@code truncate} win) → {@code {"embeddings":[[…]]}}, at most 96 texts a call. Cohere's
 *   body has no token count; Bedrock's {@code x-amzn-bedrock-input-token-count} header has it.</li>
 * </ul>
 */
final class BedrockEmbeddings {
    static final int COHERE_MAX_TEXTS = 96;

    private BedrockEmbeddings() {
    }

    private static boolean titan(String modelId) {
        return modelId.contains("titan-embed");
    }

    private static boolean cohere(String modelId) {
        return modelId.contains("cohere.embed");
    }

    static int maxInputsPerCall(String modelId) {
        return titan(modelId) ? 1 : cohere(modelId) ? COHERE_MAX_TEXTS : Integer.MAX_VALUE;
    }

    static byte[] write(EmbeddingRequest r, String modelId) {
        List<String> texts = texts(r.input());
        ObjectNode body = WireJson.object();
        if (titan(modelId)) {
            if (texts.size() != 1) {
                throw GatewayException.invalidRequest("Titan embedding models take one text per call.", "input");
            }
            body.put("inputText", texts.get(0));
            if (r.dimensions() != null) {
                if (modelId.contains("titan-embed-text-v1")) {
                    throw GatewayException.invalidRequest("amazon.titan-embed-text-v1 has a fixed size; 'dimensions'"
                            + " needs amazon.titan-embed-text-v2:0.", "dimensions");
                }
                body.put("dimensions", r.dimensions());
            }
        } else if (cohere(modelId)) {
            ArrayNode array = body.putArray("texts");
            texts.forEach(array::add);
            JsonNode inputType = r.extra() == null ? null : r.extra().get("input_type");
            body.put("input_type", inputType != null && inputType.isTextual() ? inputType.textValue()
                    : "search_document");
            JsonNode truncate = r.extra() == null ? null : r.extra().get("truncate");
            if (truncate != null && truncate.isTextual()) {
                body.put("truncate", truncate.textValue());
            }
        } else {
            throw GatewayException.invalidRequest("Embeddings on Bedrock are supported for the Titan and Cohere"
                    + " embedding models.", "model");
        }
        return WireJson.render(body).getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> texts(JsonNode input) {
        List<String> texts = new ArrayList<>();
        if (input != null && input.isTextual()) {
            texts.add(input.textValue());
        } else if (input != null && input.isArray()) {
            for (JsonNode item : input) {
                if (!item.isTextual()) {
                    throw GatewayException.invalidRequest("Bedrock embeddings take text input only, not token ids.",
                            "input");
                }
                texts.add(item.textValue());
            }
        }
        if (texts.isEmpty()) {
            throw GatewayException.invalidRequest("'input' must be a string or a non-empty array of strings.",
                    "input");
        }
        return texts;
    }

    static EmbeddingResponse read(UpstreamResponse response, EmbeddingRequest request, String modelId) {
        JsonNode root = BedrockResponseReader.parse(response.body());
        List<float[]> vectors = new ArrayList<>();
        int tokens;
        if (titan(modelId)) {
            vectors.add(vector(root.path("embedding")));
            tokens = root.path("inputTextTokenCount").asInt(headerTokens(response));
        } else {
            JsonNode embeddings = root.path("embeddings");
            if (embeddings.isObject()) { // the by-type shape, when embedding_types was sent
                embeddings = embeddings.path("float");
            }
            if (!embeddings.isArray()) {
                throw BedrockResponseReader.garbage();
            }
            for (JsonNode e : embeddings) {
                vectors.add(vector(e));
            }
            tokens = headerTokens(response);
        }
        int expected = request.input() != null && request.input().isArray() ? request.input().size() : 1;
        if (vectors.size() != expected) {
            throw BedrockResponseReader.garbage();
        }
        return new EmbeddingResponse(request.model(), vectors, tokens, tokens);
    }

    private static float[] vector(JsonNode values) {
        if (!values.isArray() || values.isEmpty()) {
            throw BedrockResponseReader.garbage();
        }
        float[] v = new float[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i).floatValue();
        }
        return v;
    }

    private static int headerTokens(UpstreamResponse response) {
        String count = response.header("x-amzn-bedrock-input-token-count");
        try {
            return count == null ? 0 : Integer.parseInt(count.trim());
        } catch (NumberFormatException unreadable) {
            return 0;
        }
    }
}
