package io.switchboard.access;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.config.ActiveConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Resolves a presented API key to a {@link Caller}. The master key is compared in constant time
 * ({@link MessageDigest#isEqual}) so response timing reveals nothing about how much of a guess was
 * right. Any other key is hashed (HMAC-SHA-256, see {@link KeyHashing}) and looked up in the
 * {@link KeyDirectory} cache. Unknown, blocked and expired keys are all 401s with distinct codes.
 */
@ApplicationScoped
public class ApiKeyAuthenticator {
    private byte[] masterKey;
    private boolean noAuthDevelopment;
    private KeyHashing hashing;

    @Inject
    ActiveConfig config;

    @Inject
    KeyDirectory keys;

    @jakarta.annotation.PostConstruct
    void init() {
        String key = config.masterKey();
        masterKey = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        noAuthDevelopment = key == null && config.allowNoMasterKey();
        hashing = KeyHashing.from(ConfigProvider.getConfig().getOptionalValue("LITELLM_SALT_KEY", String.class)
                .orElse(null), key);
    }

    /** The key hashing in force, or null when neither a salt key nor a master key is configured. */
    public KeyHashing hashing() {
        return hashing;
    }

    /** How callers are authenticated, for the start-up log. */
    public String mode() {
        return noAuthDevelopment ? "none (development mode)" : "master key and virtual keys";
    }

    /** @param presented the key from the request, or null when none was sent */
    public Caller authenticate(String presented) {
        if (noAuthDevelopment) {
            return Caller.UNAUTHENTICATED_DEVELOPMENT;
        }
        if (presented == null || presented.isEmpty()) {
            throw new GatewayException(ErrorKind.AUTHENTICATION, "No API key provided. Send it as"
                    + " 'Authorization: Bearer <key>' or in the 'x-api-key' header.", null, "missing_api_key");
        }
        if (masterKey != null && MessageDigest.isEqual(masterKey, presented.getBytes(StandardCharsets.UTF_8))) {
            return Caller.MASTER;
        }
        KeyIdentity identity = hashing == null ? null : keys.find(hashing.hash(presented));
        if (identity == null) {
            throw new GatewayException(ErrorKind.AUTHENTICATION, "Invalid API key.", null, "invalid_api_key");
        }
        if (identity.blocked() || identity.teamBlocked()) {
            throw new GatewayException(ErrorKind.AUTHENTICATION, "This key is blocked.", null, "key_blocked");
        }
        if (identity.expiredAt(Instant.now())) {
            throw new GatewayException(ErrorKind.AUTHENTICATION, "This key has expired.", null, "key_expired");
        }
        return Caller.of(identity);
    }

}
