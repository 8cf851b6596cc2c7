package io.switchboard.provider.vertex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.switchboard.GatewayException;
import io.switchboard.fake.FakeGoogleOAuth;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real JWT-bearer exchange of Google's auth library against {@link FakeGoogleOAuth}, with a generated key. */
class VertexTokensTest {

    @Test
    void serviceAccountJsonIsExchangedOnceAndCached() {
        try (FakeGoogleOAuth oauth = FakeGoogleOAuth.start()) {
            VertexTokens tokens = new VertexTokens();
            String json = oauth.serviceAccountJson();

            assertEquals(FakeGoogleOAuth.token(1), tokens.bearerToken(json));
            assertEquals(FakeGoogleOAuth.token(1), tokens.bearerToken(json), "cached until it nears expiry");
            assertEquals(1, oauth.tokensIssued());
            assertEquals(VertexTokens.SCOPE, oauth.lastScope());
        }
    }

    @Test
    void keyFilePathWorksToo(@TempDir Path dir) throws Exception {
        try (FakeGoogleOAuth oauth = FakeGoogleOAuth.start()) {
            Path file = dir.resolve("sa.json");
            Files.writeString(file, oauth.serviceAccountJson());
            assertEquals(FakeGoogleOAuth.token(1), new VertexTokens().bearerToken(file.toString()));
        }
    }

    @Test
    void aKeyTheEndpointRejectsIsAnUpstreamAuthFailure() {
        try (FakeGoogleOAuth oauth = FakeGoogleOAuth.start(); FakeGoogleOAuth other = FakeGoogleOAuth.start()) {
            // Signed by another key than the endpoint knows: invalid_grant.
            String wrongKey = other.serviceAccountJson().replace(other.tokenUri(), oauth.tokenUri());
            GatewayException e = assertThrows(GatewayException.class, () -> new VertexTokens().bearerToken(wrongKey));
            assertEquals("upstream_authentication_failed", e.code());
            assertEquals(0, oauth.tokensIssued());
        }
    }

    @Test
    void unreadableCredentialsSayNothingOfTheirContent() {
        GatewayException e = assertThrows(GatewayException.class,
                () -> new VertexTokens().bearerToken("{\"type\":\"service_account\",\"private_key\":\"SECRET-CANARY\"}"));
        assertEquals("upstream_credentials_invalid", e.code());
        assertFalse(e.getMessage().contains("SECRET"));
        GatewayException missing = assertThrows(GatewayException.class,
                () -> new VertexTokens().bearerToken("/no/such/file-CANARY.json"));
        assertFalse(missing.getMessage().contains("CANARY"));
    }
}
