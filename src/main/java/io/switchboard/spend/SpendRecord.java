package io.switchboard.spend;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * One call as it is billed: a spend-log row, and what it reserved from each party (given back in the
 * same transaction that adds its cost). Written to the outbox before the database, so it survives
 * a database outage and a restart.
 *
 * @param reserved        what was reserved per party scope ({@code kind:id}); parties without a budget
 *                        appear with zero
 * @param tokensEstimated true when the provider reported no usage (a stream the client abandoned before
 *                        the usage chunk) and the tokens were counted by the gateway instead
 */
public record SpendRecord(String requestId, Map<String, BigDecimal> reserved, String route, String modelGroup,
                          String deploymentId, String provider, String upstreamModel, long promptTokens,
                          long completionTokens, long cachedTokens, long reasoningTokens, BigDecimal cost,
                          Instant startedAt, Instant firstTokenAt, Instant endedAt, String status, int httpStatus,
                          boolean cacheHit, boolean tokensEstimated) {

    public BigDecimal totalReserved() {
        return reserved.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The id of the party of {@code kind} this call was charged to, or null. */
    public String party(Payer.Kind kind) {
        String prefix = kind.column() + ":";
        return reserved.keySet().stream().filter(s -> s.startsWith(prefix)).map(s -> s.substring(prefix.length()))
                .findFirst().orElse(null);
    }
}
