package io.switchboard.access;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Virtual keys: {@code sk-} + 32 random bytes (base64url), stored only as the lowercase hex
 * HMAC-SHA-256 of the whole key under a server secret. The secret is {@code LITELLM_SALT_KEY} when
 * set (as LiteLLM names it); otherwise it is derived from the master key, so rotating the master key
 * without a salt key invalidates every virtual key. A stolen table is useless without the secret.
 */
public final class KeyHashing {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec secret;

    private KeyHashing(byte[] secret) {
        this.secret = new SecretKeySpec(secret, ALGORITHM);
    }

    /** @return the hashing, or null when neither a salt key nor a master key is configured */
    public static KeyHashing from(String saltKey, String masterKey) {
        if (saltKey != null && !saltKey.isEmpty()) {
            return new KeyHashing(saltKey.getBytes(StandardCharsets.UTF_8));
        }
        if (masterKey == null || masterKey.isEmpty()) {
            return null;
        }
        // A derived secret rather than the master key itself, so the hash is not an HMAC keyed by a
        // credential that also opens the admin API.
        return new KeyHashing(new KeyHashing(masterKey.getBytes(StandardCharsets.UTF_8))
                .mac("switchboard virtual-key hashing v1"));
    }

    /** A fresh key. */
    public static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "sk-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A fresh public identifier for a key (not derived from it). */
    public static String newKeyId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return "key-" + HexFormat.of().formatHex(bytes);
    }

    /** The display form: {@code sk-...} and the last four characters. */
    public static String displayName(String key) {
        return "sk-..." + key.substring(Math.max(0, key.length() - 4));
    }

    /** The stored form of {@code key}. */
    public String hash(String key) {
        return HexFormat.of().formatHex(mac(key));
    }

    private byte[] mac(String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
