package io.switchboard.access;

/**
 * What the request path needs to know about an end user (LiteLLM's customer, the {@code user} of a
 * request): whether it is blocked, the budget and limits of its budget row, and where its calls may go.
 *
 * @param limits       the end user's budget row as limits; {@link Limits#NONE} when it has no budget
 * @param modelRegion  LiteLLM's {@code allowed_model_region} ({@code eu} or {@code us}): only deployments in
 *                     that region may serve the end user's calls; null for any
 * @param defaultModel the model group that serves a call whose own model has no deployment in
 *                     {@code modelRegion}; null for none (such a call is refused)
 */
public record EndUserStanding(boolean blocked, Limits limits, String modelRegion, String defaultModel) {
    public EndUserStanding(boolean blocked, Limits limits) {
        this(blocked, limits, null, null);
    }
}
