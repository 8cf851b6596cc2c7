package io.switchboard.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.embedding.EmbeddingResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddingAnswersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anEmbeddingAnswerSurvivesTheStoreExactly() {
        EmbeddingResponse answer = new EmbeddingResponse("text-embedding-3-small",
                List.of(new float[] {0.25f, -1.5f, 3e-7f}, new float[] {Float.MIN_VALUE, 0f, 1f}), 7, 7);
        Instant stored = Instant.ofEpochMilli(1_700_000_000_123L);
        AnswerCodec.Stored<EmbeddingResponse> read = EmbeddingAnswers.CODEC.read(EmbeddingAnswers.CODEC.write(answer,
                stored));
        assertEquals(stored, read.storedAt());
        assertEquals("text-embedding-3-small", read.answer().model());
        assertEquals(7, read.answer().promptTokens());
        assertArrayEquals(answer.vectors().get(0), read.answer().vectors().get(0));
        assertArrayEquals(answer.vectors().get(1), read.answer().vectors().get(1));
    }

    @Test
    void bytesOfAnotherKindAreAMiss() {
        assertNull(EmbeddingAnswers.CODEC.read("{\"stored_at_ms\":1,\"response\":{}}".getBytes(StandardCharsets.UTF_8)));
        assertNull(EmbeddingAnswers.CODEC.read("not json".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void callTypesNeverShareKeysAndFieldOrderDoesNotMatter() throws Exception {
        CacheScope scope = new CacheScope("team:t1", "switchboard");
        String a = CacheKeys.ofCall("embedding", scope, JSON.readTree("{\"model\":\"m\",\"input\":\"hi\"}"));
        assertEquals(a, CacheKeys.ofCall("embedding", scope, JSON.readTree("{\"input\":\"hi\",\"model\":\"m\"}")));
        assertNotEquals(a, CacheKeys.ofCall("text_completion", scope, JSON.readTree("{\"model\":\"m\",\"input\":\"hi\"}")));
        assertNotEquals(a, CacheKeys.ofCall("embedding", new CacheScope("team:t2", "switchboard"),
                JSON.readTree("{\"model\":\"m\",\"input\":\"hi\"}")));
    }
}
