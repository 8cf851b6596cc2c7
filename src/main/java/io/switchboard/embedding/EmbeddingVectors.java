package io.switchboard.embedding;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * Vectors as OpenAI's base64 encoding: little-endian IEEE 754 float32, packed, then base64. Both
 * official SDKs ask for this by default and decode it this way.
 */
public final class EmbeddingVectors {
    private EmbeddingVectors() {
    }

    public static String toBase64(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : vector) {
            buffer.putFloat(f);
        }
        return Base64.getEncoder().encodeToString(buffer.array());
    }

    public static float[] fromBase64(String text) {
        byte[] bytes = Base64.getDecoder().decode(text);
        if (bytes.length % Float.BYTES != 0) {
            throw new IllegalArgumentException("base64 vector length is not a multiple of 4 bytes");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[bytes.length / Float.BYTES];
        for (int i = 0; i < v.length; i++) {
            v[i] = buffer.getFloat();
        }
        return v;
    }
}
