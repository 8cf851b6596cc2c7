package io.switchboard.modeladmin;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts stored provider credentials with AES-256-GCM under a key derived from
 * {@code LITELLM_SALT_KEY} (LiteLLM's setting for exactly this), else from the master key. A copied
 * database table is useless without that secret; rotating it without re-saving the models makes
 * their credentials unreadable, which start-up reports.
 */
final class CredentialCipher {
    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private CredentialCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** @return the cipher, or null when neither secret is configured (nothing can be stored then) */
    static CredentialCipher from(String saltKey, String masterKey) {
        String secret = saltKey != null && !saltKey.isEmpty() ? saltKey : masterKey;
        if (secret == null || secret.isEmpty()) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return new CredentialCipher(mac.doFinal("switchboard credential encryption v1"
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    String seal(String plaintext) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** @throws GeneralSecurityException when the text was sealed under another secret or altered */
    String open(String sealed) throws GeneralSecurityException {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new GeneralSecurityException("not a sealed credential");
        }
        byte[] all = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
        return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
    }
}
