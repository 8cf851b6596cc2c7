package io.switchboard.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {
    @Test
    void litellmFormBecomesJdbcWithoutCredentials() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://llm:p%40ss%3Aw0rd@db.internal:5433/litellm?sslmode=require");
        assertEquals("jdbc:postgresql://db.internal:5433/litellm?sslmode=require", url.jdbcUrl());
        assertEquals("llm", url.user());
        assertEquals("p@ss:w0rd", url.password());
        assertFalse(url.toString().contains("p@ss"));
        assertFalse(url.toString().contains("sslmode"));
    }

    @Test
    void postgresSchemeAndJdbcUrlsAndEmpty() {
        assertEquals("jdbc:postgresql://h/db", DatabaseUrl.parse("postgres://h/db").jdbcUrl());
        assertEquals("jdbc:postgresql://h:5432/db?user=a", DatabaseUrl.parse("jdbc:postgresql://h:5432/db?user=a").jdbcUrl());
        assertNull(DatabaseUrl.parse(""));
        assertNull(DatabaseUrl.parse(null));
    }

    @Test
    void errorsNeverQuoteThePassword() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DatabaseUrl.parse("postgresql://u:s3cret@bad host/db"));
        assertFalse(e.getMessage().contains("s3cret"));
        assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse("mysql://u:p@h/db"));
    }
}
