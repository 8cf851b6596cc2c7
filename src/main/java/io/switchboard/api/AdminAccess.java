package io.switchboard.api;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.access.Caller;

/** Routes that reveal or change the gateway's setup answer the master key only (and the explicit no-auth mode). */
final class AdminAccess {
    private AdminAccess() {
    }

    static void require(Caller caller) {
        if (caller == null || (caller.kind() != Caller.Kind.MASTER_KEY
                && caller.kind() != Caller.Kind.NO_AUTH_DEVELOPMENT)) {
            throw new GatewayException(ErrorKind.PERMISSION, "This route needs the master key.", null,
                    "admin_only");
        }
    }
}
