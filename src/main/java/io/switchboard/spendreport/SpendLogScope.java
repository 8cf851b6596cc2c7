package io.switchboard.spendreport;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.access.Caller;
import io.switchboard.access.KeyIdentity;
import io.switchboard.access.UserRole;
import java.util.List;

/**
 * Which spend-log rows a caller may read. Proxy admins and viewers read all; an internal user (or
 * internal user viewer) reads the rows of its own keys (the rows carry the key's user); a team admin
 * reads the rows of the teams it administers. Everyone else is refused. A filter that names another
 * user, team or key is a 403 rather than an empty answer, so a mistake is not mistaken for "no spend".
 *
 * @param userId  the caller's own user, whose rows it may read, or null
 * @param teamIds the teams whose rows it may read
 */
record SpendLogScope(boolean everything, String userId, List<String> teamIds) {
    static final SpendLogScope ALL = new SpendLogScope(true, null, List.of());

    static SpendLogScope of(Caller caller) {
        if (caller != null && caller.proxyReader()) {
            return ALL;
        }
        KeyIdentity me = caller == null ? null : caller.key();
        if (me == null || me.userId() == null) {
            throw denied("Only proxy admins, internal users and team admins may read spend logs.");
        }
        boolean internal = me.userRole() == UserRole.INTERNAL_USER || me.userRole() == UserRole.INTERNAL_USER_VIEWER;
        if (!internal && me.adminOfTeams().isEmpty()) {
            throw denied("Only proxy admins, internal users and team admins may read spend logs.");
        }
        return new SpendLogScope(false, internal ? me.userId() : null, List.copyOf(me.adminOfTeams()));
    }

    void requireUser(String user) {
        if (!everything && user != null && !user.equals(userId) && teamIds.isEmpty()) {
            throw denied("You may read only your own spend.");
        }
    }

    void requireTeam(String team) {
        if (!everything && team != null && !teamIds.contains(team)) {
            throw denied("You may read only the spend of teams you administer.");
        }
    }

    /** For a key that exists: whether its owner or team is within the scope. */
    void requireKey(String keyUserId, String keyTeamId) {
        boolean mine = userId != null && userId.equals(keyUserId);
        boolean ofMyTeam = keyTeamId != null && teamIds.contains(keyTeamId); // List.copyOf refuses contains(null)
        if (!everything && !mine && !ofMyTeam) {
            throw denied("You may read only the spend of your own keys.");
        }
    }

    private static GatewayException denied(String message) {
        return new GatewayException(ErrorKind.PERMISSION, message, null, "forbidden");
    }
}
