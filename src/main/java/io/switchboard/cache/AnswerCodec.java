package io.switchboard.cache;

import java.time.Instant;

/**
 * How one call type's answer is kept in the {@link ResponseStore}: as bytes that also carry when it was
 * stored (for {@code s-maxage}). One implementation per kind of answer.
 */
interface AnswerCodec<T> {

    byte[] write(T answer, Instant storedAt);

    /** @return the answer, or null for bytes that are not one of this kind (a miss) */
    Stored<T> read(byte[] bytes);

    record Stored<T>(T answer, Instant storedAt) {
    }
}
