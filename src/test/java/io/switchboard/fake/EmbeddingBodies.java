package io.switchboard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code POST /v1/embeddings} bodies (reference §1.4 "Embeddings", §3.1). Vectors are deterministic: seeded by the
 * SHA-256 of the input text and normalised to length 1 like OpenAI's. As with OpenAI's text-embedding-3 models, a
 * shorter {@code dimensions} gives the same leading values re-normalised. {@code encoding_format: "base64"} (the
 * default of both OpenAI SDKs) packs little-endian IEEE float32 and base64-encodes it.
 */
public final class EmbeddingBodies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EmbeddingBodies() {
    }

    /** The model's native size: 3072 for text-embedding-3-large, 1536 otherwise. */
    static int nativeDimensions(String model) {
        return model.contains("3-large") ? 3072 : 1536;
    }

    /** {@code input} as a string or array of strings (token arrays become their JSON text); null if invalid/empty. */
    static List<String> inputs(JsonNode input) {
        if (input != null && input.isTextual()) {
            return List.of(input.textValue());
        }
        if (input == null || !input.isArray() || input.isEmpty()) {
            return null;
        }
        if (input.get(0).isNumber()) {
            return List.of(input.toString()); // one prompt given as token ids
        }
        List<String> texts = new ArrayList<>();
        input.forEach(item -> texts.add(item.isTextual() ? item.textValue() : item.toString()));
        return texts;
    }

    /** The vector the fake returns for this text at this size; tests can call it to predict responses. */
    public static float[] vector(String text, int dimensions) {
        SplittableRandom random = new SplittableRandom(seed(text));
        float[] vector = new float[dimensions];
        double norm = 0;
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) (random.nextDouble() * 2 - 1);
            norm += vector[i] * vector[i];
        }
        double length = Math.sqrt(norm);
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) (vector[i] / length);
        }
        return vector;
    }

    /**
     * A fake model ("bag-of-words-*") whose vectors are close for paraphrases, which random vectors are
     * not: each content word adds to one dimension chosen by its hash (a small list of function words
     * and punctuation is ignored), then the vector is normalised. Prompts that share most of their words
     * get a high cosine similarity, unrelated ones a low one; it stands in for a real embedding model in
     * semantic-cache tests, nothing more.
     */
    public static float[] bagOfWords(String text, int dimensions) {
        float[] vector = new float[dimensions];
        for (String word : text.toLowerCase(java.util.Locale.ROOT).split("[^a-z0-9]+")) {
            if (!word.isEmpty() && !FUNCTION_WORDS.contains(word)) {
                vector[Math.floorMod(seed(word), dimensions)] += 1;
            }
        }
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        double length = norm == 0 ? 1 : Math.sqrt(norm);
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) (vector[i] / length);
        }
        return vector;
    }

    private static final java.util.Set<String> FUNCTION_WORDS = java.util.Set.of("a", "an", "the", "is", "are",
            "of", "to", "me", "please", "tell", "what", "s", "whats", "in", "on", "for", "and", "user", "do", "you",
            "know", "can", "could", "would");

    public static String base64(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : vector) {
            buffer.putFloat(value);
        }
        return Base64.getEncoder().encodeToString(buffer.array());
    }

    public static float[] decodeBase64(String encoded) {
        ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(encoded)).order(ByteOrder.LITTLE_ENDIAN);
        float[] vector = new float[buffer.remaining() / Float.BYTES];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = buffer.getFloat();
        }
        return vector;
    }

    static ObjectNode list(String model, List<String> inputs, int dimensions, boolean base64) {
        ObjectNode body = JSON.createObjectNode();
        body.put("object", "list");
        ArrayNode data = body.putArray("data");
        int tokens = 0;
        for (int i = 0; i < inputs.size(); i++) {
            float[] vector = model.contains("bag-of-words") ? bagOfWords(inputs.get(i), dimensions)
                    : vector(inputs.get(i), dimensions);
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            if (base64) {
                item.put("embedding", base64(vector));
            } else {
                ArrayNode values = item.putArray("embedding");
                for (float value : vector) {
                    values.add(value);
                }
            }
            tokens += Math.max(1, ChatReply.words(inputs.get(i)));
        }
        body.put("model", model);
        body.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        return body;
    }

    private static long seed(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(hash).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
