package io.switchboard.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * The in-process vector index of the semantic cache: prompt vectors by the key of the answer they
 * lead to, bounded in count and expiring with their answers. A lookup scans the vectors of one scope
 * (same tenant, namespace, model and parameters): exact cosine similarity, no approximation, which is
 * fast enough for the few thousand entries a bound allows (pgvector would take over beyond that; it is
 * not installed here).
 */
final class SemanticIndex {
    private final Cache<String, Indexed> vectors;

    SemanticIndex(int maxVectors, Duration ttl) {
        this.vectors = Caffeine.newBuilder().maximumSize(maxVectors).expireAfterWrite(ttl)
                .executor(Runnable::run).build();
    }

    void add(String scope, String answerKey, float[] vector) {
        vectors.put(answerKey, new Indexed(scope, normalised(vector)));
    }

    boolean contains(String answerKey) {
        return vectors.getIfPresent(answerKey) != null;
    }

    /** The closest vector of {@code scope} at or above {@code threshold}; null if none. */
    Match nearest(String scope, float[] vector, double threshold) {
        float[] q = normalised(vector);
        Match best = null;
        for (var e : vectors.asMap().entrySet()) {
            Indexed indexed = e.getValue();
            if (indexed.scope.equals(scope) && indexed.vector.length == q.length) {
                double similarity = dot(q, indexed.vector);
                if (similarity >= threshold && (best == null || similarity > best.similarity())) {
                    best = new Match(e.getKey(), similarity);
                }
            }
        }
        return best;
    }

    static double cosine(float[] a, float[] b) {
        return dot(normalised(a), normalised(b));
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    private static float[] normalised(float[] v) {
        double norm = 0;
        for (float f : v) {
            norm += (double) f * f;
        }
        double length = Math.sqrt(norm);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = length == 0 ? 0 : (float) (v[i] / length);
        }
        return out;
    }

    /** The answer a semantic match leads to and how close it was. */
    record Match(String answerKey, double similarity) {
    }

    private record Indexed(String scope, float[] vector) {
    }
}
