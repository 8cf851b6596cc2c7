package io.switchboard.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SemanticIndexTest {

    @Test
    void findsTheClosestVectorOfTheScopeAboveTheThreshold() {
        SemanticIndex index = new SemanticIndex(100, Duration.ofMinutes(1));
        index.add("s", "a", new float[] {1, 0, 0});
        index.add("s", "b", new float[] {0.8f, 0.6f, 0});
        index.add("other", "c", new float[] {0.9f, 0.1f, 0});
        SemanticIndex.Match m = index.nearest("s", new float[] {2, 1.4f, 0}, 0.9);
        assertEquals("b", m.answerKey());
        assertEquals(SemanticIndex.cosine(new float[] {2, 1.4f, 0}, new float[] {0.8f, 0.6f, 0}), m.similarity(), 1e-6);
        assertNull(index.nearest("s", new float[] {0, 0, 1}, 0.5), "orthogonal: no match");
        assertNull(index.nearest("nobody", new float[] {1, 0, 0}, 0.1), "another scope's vectors are never used");
    }

    @Test
    void isBoundedInCount() {
        SemanticIndex index = new SemanticIndex(10, Duration.ofMinutes(1));
        for (int i = 0; i < 100; i++) {
            index.add("s", "k" + i, new float[] {i, 1});
        }
        int present = 0;
        for (int i = 0; i < 100; i++) {
            present += index.contains("k" + i) ? 1 : 0;
        }
        assertEquals(true, present <= 10, "present " + present);
    }
}
