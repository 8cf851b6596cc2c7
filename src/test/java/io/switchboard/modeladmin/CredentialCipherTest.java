package io.switchboard.modeladmin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.GeneralSecurityException;
import org.junit.jupiter.api.Test;

class CredentialCipherTest {
    private static final String SECRET = "{\"api_key\":\"sk-CANARY-cipher-1\"}";

    @Test
    void sealedCredentialsOpenOnlyUnderTheSameSecret() throws Exception {
        CredentialCipher cipher = CredentialCipher.from("salt-1", "sk-master");
        String sealed = cipher.seal(SECRET);
        assertFalse(sealed.contains("CANARY"));
        assertNotEquals(sealed, cipher.seal(SECRET), "a fresh nonce each time");
        assertEquals(SECRET, cipher.open(sealed));
        assertEquals(SECRET, CredentialCipher.from("salt-1", "another-master").open(sealed), "the salt key wins");
        assertThrows(GeneralSecurityException.class, () -> CredentialCipher.from("salt-2", "sk-master").open(sealed));
        assertEquals(SECRET, CredentialCipher.from(null, "sk-master").open(CredentialCipher.from("", "sk-master").seal(SECRET)));
        assertNull(CredentialCipher.from(null, null));
    }

    @Test
    void alteredCiphertextIsRefused() throws Exception {
        CredentialCipher cipher = CredentialCipher.from(null, "sk-master");
        String sealed = cipher.seal(SECRET);
        char[] chars = sealed.toCharArray();
        chars[10] = chars[10] == 'A' ? 'B' : 'A';
        assertThrows(GeneralSecurityException.class, () -> cipher.open(new String(chars)));
        assertThrows(GeneralSecurityException.class, () -> cipher.open("plain text"));
    }
}
