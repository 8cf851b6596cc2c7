package io.switchboard.provider.vertex;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.provider.CredentialSource;
import io.switchboard.provider.UpstreamRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OAuth access tokens for Vertex AI (cloud.google.com/vertex-ai/docs/authentication): {@code vertex_credentials}
 * is a service-account key (JSON text, or the path of a JSON file, as LiteLLM accepts both), exchanged by Google's
 * auth library for a token with the {@code cloud-platform} scope (JWT-bearer grant at the key's {@code token_uri}).
 * Without {@code vertex_credentials}, Application Default Credentials. One credentials object per key, kept for
 * the life of the gateway: the library caches its token and refreshes it shortly before it expires.
 */
@ApplicationScoped
public class VertexTokens implements CredentialSource {
    public static final String SCHEME = "google-service-account";
    static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";

    private final Map<String, GoogleCredentials> credentials = new ConcurrentHashMap<>();

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public Map<String, String> authenticate(UpstreamRequest request) {
        return Map.of("Authorization", "Bearer " + bearerToken(request.credential().material()));
    }

    /** A valid access token for the service-account key {@code material} (JSON, or a path to it). */
    public String bearerToken(String material) {
        GoogleCredentials c = credentials.computeIfAbsent(material == null ? "" : material, VertexTokens::load);
        try {
            c.refreshIfExpired();
            AccessToken token = c.getAccessToken();
            if (token == null || token.getTokenValue() == null) {
                throw refused();
            }
            return token.getTokenValue();
        } catch (IOException | RuntimeException e) {
            if (e instanceof GatewayException g) {
                throw g;
            }
            throw refused();
        }
    }

    private static GoogleCredentials load(String material) {
        try {
            if (material.isBlank()) {
                return GoogleCredentials.getApplicationDefault().createScoped(SCOPE);
            }
            try (InputStream in = material.trim().startsWith("{")
                    ? new ByteArrayInputStream(material.getBytes(StandardCharsets.UTF_8))
                    : Files.newInputStream(Path.of(material.trim()))) {
                return GoogleCredentials.fromStream(in).createScoped(SCOPE);
            }
        } catch (IOException | RuntimeException e) {
            // The key file's content or path must not reach the client or the log: say only what is wrong.
            throw new GatewayException(ErrorKind.UPSTREAM_ERROR,
                    "The deployment's Vertex AI credentials could not be read.", null, "upstream_credentials_invalid");
        }
    }

    private static GatewayException refused() {
        return new GatewayException(ErrorKind.UPSTREAM_ERROR,
                "The provider refused the gateway's credentials for this model.", null,
                "upstream_authentication_failed");
    }
}
