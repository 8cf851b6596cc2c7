package io.switchboard.provider;

/**
 * Turns an {@link UpstreamCredential} into a short-lived bearer token (CDI beans, found by {@link #scheme()}).
 * Implementations cache tokens and refresh them before they expire; they do I/O, which is why they are not
 * adapters. Failures are {@link io.switchboard.GatewayException}s that name no host and no secret.
 */
public interface AccessTokenSource {

    String scheme();

    /** A valid access token for {@code material}. */
    String bearerToken(String material);
}
