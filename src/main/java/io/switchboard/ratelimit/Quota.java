package io.switchboard.ratelimit;

/**
 * The limits of one party a call is charged to; a null limit is no limit.
 *
 * @param scope       what is limited, e.g. {@code key:<hash id>}, {@code team:<id>}, {@code end_user:<id>},
 *                    {@code key_model:<hash id>/<model>}; also the name of its counters
 * @param rpm         requests per minute
 * @param tpm         tokens (prompt and completion) per minute
 * @param maxParallel requests in flight at once
 */
public record Quota(String scope, Long rpm, Long tpm, Integer maxParallel) {

    public boolean limitsAnything() {
        return rpm != null || tpm != null || maxParallel != null;
    }
}
