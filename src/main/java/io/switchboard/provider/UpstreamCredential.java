package io.switchboard.provider;

/**
 * A credential an adapter cannot turn into a header itself because that takes I/O (an OAuth token exchange, an
 * STS AssumeRole call): the adapter names it, and {@link UpstreamClient} asks the {@link CredentialSource} for
 * {@code scheme} for the headers that authenticate the call (a bearer token, a SigV4 signature). Keeps adapters
 * pure.
 *
 * @param scheme   which {@link CredentialSource} resolves it ({@code "google-service-account"}, {@code "aws-sigv4"})
 * @param material what that source needs (a service-account JSON or a path to one; an AWS identity as JSON); a
 *                 secret: never logged
 */
public record UpstreamCredential(String scheme, String material) {

    @Override
    public String toString() {
        return "UpstreamCredential[" + scheme + "]";
    }
}
