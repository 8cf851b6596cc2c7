package io.switchboard.admin;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;

/**
 * The three ways an admin call is refused, so every route words them alike: 403 when the caller may
 * see the object but not do this, 404 when the object is unknown or (on purpose) unreadable to the
 * caller, 400 naming the field the client got wrong.
 */
final class AdminErrors {
    private AdminErrors() {
    }

    static GatewayException denied(String message) {
        return new GatewayException(ErrorKind.PERMISSION, message, null, "forbidden");
    }

    /** Unknown and not-readable look the same, so ids of other teams' objects cannot be probed. */
    static GatewayException notFound(String what, String field) {
        return new GatewayException(ErrorKind.NOT_FOUND, "No such " + what + ".", field,
                what.replace(' ', '_') + "_not_found");
    }

    static GatewayException invalid(String field, String message) {
        return new GatewayException(ErrorKind.INVALID_REQUEST, message, field, "invalid_field");
    }
}
