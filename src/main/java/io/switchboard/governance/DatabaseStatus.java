package io.switchboard.governance;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;

/**
 * Whether the governance database answers, for {@code /health/readiness}. Probes ({@code SELECT 1})
 * at most every few seconds however often Kubernetes asks, so a probe storm never becomes a query
 * storm, and answers from the last probe in between.
 */
@ApplicationScoped
public class DatabaseStatus {
    private static final long FRESH_NANOS = TimeUnit.SECONDS.toNanos(5);

    @Inject
    Database database;

    private volatile Probe last;

    private record Probe(boolean connected, long at) {
    }

    public boolean connected() {
        Probe seen = last;
        long now = System.nanoTime();
        if (seen != null && now - seen.at < FRESH_NANOS) {
            return seen.connected;
        }
        boolean connected;
        try {
            String ping = "derby".equals(database.kind()) ? "VALUES 1" : "SELECT 1";
            database.read(em -> em.createNativeQuery(ping).getSingleResult());
            connected = true;
        } catch (RuntimeException unreachable) {
            connected = false;
        }
        last = new Probe(connected, System.nanoTime());
        return connected;
    }
}
