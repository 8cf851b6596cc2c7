package io.switchboard.provider;

import java.util.Map;

/**
 * Turns an {@link UpstreamCredential} into the headers that authenticate one call (CDI beans, found by
 * {@link #scheme()}): a short-lived bearer token (Vertex AI's OAuth token), or a SigV4 signature made with
 * temporary AWS credentials (an assumed role, a profile). Implementations cache what they fetch and refresh it
 * before it expires; they do I/O, which is why they are not adapters. Failures are
 * {@link io.switchboard.GatewayException}s that name no host and no secret.
 */
public interface CredentialSource {

    String scheme();

    /**
     * The headers to set on {@code request} (whose {@link UpstreamRequest#credential()} names what this source
     * needs); they replace any header of the same name.
     */
    Map<String, String> authenticate(UpstreamRequest request);
}
