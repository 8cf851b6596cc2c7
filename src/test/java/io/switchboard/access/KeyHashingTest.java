package io.switchboard.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyHashingTest {
    @Test
    void keysCarryThirtyTwoRandomBytes() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String key = KeyHashing.newKey();
            assertTrue(key.startsWith("sk-"));
            assertEquals(32, Base64.getUrlDecoder().decode(key.substring(3)).length);
            assertTrue(seen.add(key));
        }
    }

    @Test
    void hashIsKeyedHexHmacAndNotTheKey() {
        KeyHashing a = KeyHashing.from("salt-one", null);
        KeyHashing b = KeyHashing.from("salt-two", null);
        String key = KeyHashing.newKey();
        String hash = a.hash(key);
        assertTrue(hash.matches("[0-9a-f]{64}"));
        assertEquals(hash, a.hash(key));
        assertNotEquals(hash, b.hash(key), "a different server secret gives a different hash");
        assertFalse(hash.contains(key.substring(3, 10)));
    }

    @Test
    void saltKeyWinsOverMasterKeyAndDerivationIsNotTheMasterKeyItself() {
        String key = "sk-example";
        assertEquals(KeyHashing.from("salt", "master").hash(key), KeyHashing.from("salt", null).hash(key));
        assertNotEquals(KeyHashing.from(null, "master").hash(key), KeyHashing.from("master", null).hash(key));
        assertNull(KeyHashing.from(null, null));
        assertNull(KeyHashing.from("", ""));
    }

    @Test
    void displayNameShowsOnlyTheLastFour() {
        assertEquals("sk-...wxyz", KeyHashing.displayName("sk-abcdefghijklmnopqrstuvwxyz"));
        assertTrue(KeyHashing.newKeyId().matches("key-[0-9a-f]{24}"));
    }
}
