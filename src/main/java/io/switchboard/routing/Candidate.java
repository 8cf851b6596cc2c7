package io.switchboard.routing;

/** A deployment the router may choose for a call, with what strategies read of its current state. */
public final class Candidate {
    private final ModelCatalog.Entry entry;
    private final DeploymentHealth health;

    Candidate(ModelCatalog.Entry entry, DeploymentHealth health) {
        this.entry = entry;
        this.health = health;
    }

    public ModelCatalog.Entry entry() {
        return entry;
    }

    DeploymentHealth health() {
        return health;
    }

    public int inFlight() {
        return health.inFlight();
    }

    /** Moving-average latency in nanos (time to first token for streams); -1 before the first answer. */
    public long latencyNanos(boolean stream) {
        return health.latency(stream);
    }

    public long requestsThisMinute(long now) {
        return health.requestsThisMinute(now);
    }

    public long tokensThisMinute(long now) {
        return health.tokensThisMinute(now);
    }

    @Override
    public String toString() {
        return entry.deployment().id();
    }
}
