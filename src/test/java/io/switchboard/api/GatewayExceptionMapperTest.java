package io.switchboard.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Failures that are not the gateway's own errors, as a client sees them. */
class GatewayExceptionMapperTest {
    @Test
    void aDatabaseThatCannotBeReachedIsA503ThatNamesNoHost() {
        GatewayException e = GatewayExceptionMapper.toGatewayException(new PersistenceException("wrapped",
                new RuntimeException(new SQLException("Connection to db.internal:5432 refused.", "08001"))));
        assertEquals(ErrorKind.UPSTREAM_UNAVAILABLE, e.kind());
        assertEquals(503, e.kind().status());
        assertEquals("database_unavailable", e.code());
        assertFalse(e.getMessage().contains("db.internal"));
    }

    @Test
    void otherDatabaseErrorsStayInternalErrors() {
        GatewayException e = GatewayExceptionMapper.toGatewayException(new PersistenceException(
                new SQLException("duplicate key value violates unique constraint", "23505")));
        assertEquals(ErrorKind.INTERNAL, e.kind());
        assertEquals("internal_error", e.code());
    }
}
