package io.switchboard.provider;

/**
 * A credential an adapter cannot turn into a header itself because that takes I/O (an OAuth token exchange):
 * the adapter names it, and {@link UpstreamClient} asks the {@link AccessTokenSource} for {@code scheme} for a
 * bearer token and sends it as {@code Authorization: Bearer …}. Keeps adapters pure.
 *
 * @param scheme   which {@link AccessTokenSource} resolves it ({@code "google-service-account"})
 * @param material what that source needs (a service-account JSON or a path to one); a secret: never logged
 */
public record UpstreamCredential(String scheme, String material) {

    @Override
    public String toString() {
        return "UpstreamCredential[" + scheme + "]";
    }
}
