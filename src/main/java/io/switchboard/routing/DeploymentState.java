package io.switchboard.routing;

import io.switchboard.provider.Deployment;

/**
 * What the router knows of one deployment at this moment, for metrics and health pages. A snapshot:
 * reading it changes nothing (in particular, it never ends a cooldown or starts a probe).
 *
 * @param coolingDown    the router sends it nothing until its cooldown ends
 * @param recentFailures failed attempts counted in the current minute
 * @param inFlight       attempts running on it now
 */
public record DeploymentState(Deployment deployment, boolean coolingDown, int recentFailures, int inFlight) {
}
