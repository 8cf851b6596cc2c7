package io.switchboard.access;

/**
 * What the request path needs to know about an end user (LiteLLM's customer, the {@code user} of a
 * request): whether it is blocked, and the budget and limits of its budget row.
 *
 * @param limits the end user's budget row as limits; {@link Limits#NONE} when it has no budget
 */
public record EndUserStanding(boolean blocked, Limits limits) {
}
