package io.switchboard.chat;

import io.switchboard.provider.Deployment;

/**
 * Adjusts a request to the deployment chosen for one attempt. An entrance that speaks another API than
 * OpenAI's (Anthropic's {@code /v1/messages}) carries fields only some providers understand; which of
 * them may be sent is only known once the router has picked a deployment, and may differ on a fallback.
 */
@FunctionalInterface
public interface RequestFit {
    /** Sends the request as it is: the OpenAI entrances. */
    RequestFit AS_IS = (request, deployment) -> request;

    ChatRequest fit(ChatRequest request, Deployment deployment);
}
