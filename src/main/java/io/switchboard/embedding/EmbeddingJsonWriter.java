package io.switchboard.embedding;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/** OpenAI's embeddings response, with vectors as float arrays or base64 as the client asked. */
public final class EmbeddingJsonWriter {
    private EmbeddingJsonWriter() {
    }

    public static void write(JsonGenerator g, EmbeddingResponse r, boolean base64) throws IOException {
        g.writeStartObject();
        g.writeStringField("object", "list");
        g.writeArrayFieldStart("data");
        List<float[]> vectors = r.vectors();
        for (int i = 0; i < vectors.size(); i++) {
            g.writeStartObject();
            g.writeStringField("object", "embedding");
            g.writeNumberField("index", i);
            g.writeFieldName("embedding");
            if (base64) {
                g.writeString(EmbeddingVectors.toBase64(vectors.get(i)));
            } else {
                g.writeArray(toDoubles(vectors.get(i)), 0, vectors.get(i).length);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("model", r.model());
        g.writeObjectFieldStart("usage");
        g.writeNumberField("prompt_tokens", r.promptTokens());
        g.writeNumberField("total_tokens", r.totalTokens());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static double[] toDoubles(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
