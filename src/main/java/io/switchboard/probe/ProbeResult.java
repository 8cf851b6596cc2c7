package io.switchboard.probe;

/**
 * The outcome of checking one deployment.
 *
 * @param modelGroup   the public model name
 * @param model        {@code provider/upstream-model}, as in {@code litellm_params.model}
 * @param deploymentId the deployment's id
 * @param error        why it is unhealthy (already scrubbed of hosts and keys); null when healthy
 */
public record ProbeResult(String modelGroup, String model, String deploymentId, String error) {

    public boolean healthy() {
        return error == null;
    }
}
