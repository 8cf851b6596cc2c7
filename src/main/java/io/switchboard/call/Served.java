package io.switchboard.call;

import io.switchboard.modelinfo.ModelFacts;
import io.switchboard.provider.Deployment;

/**
 * The deployment that answered a call, as far as observers may know it: ids and prices, never its
 * address or credential.
 */
public record Served(String deploymentId, String modelGroup, String provider, String upstreamModel,
                     ModelFacts facts) {

    /** The deployment's public facts; null for none (an answer from the gateway's cache). */
    public static Served by(Deployment deployment) {
        return deployment == null ? null : new Served(deployment.id(), deployment.modelGroup(), deployment.provider(),
                deployment.upstreamModel(), deployment.facts());
    }
}
