package io.switchboard.admin;

import io.switchboard.access.Caller;
import io.switchboard.access.KeyIdentity;
import io.switchboard.access.ModelAccess;
import io.switchboard.governance.Team;
import java.util.List;
import java.util.Set;

/**
 * Who may do what with teams. The master key and {@code proxy_admin} users may do anything;
 * {@code proxy_admin_viewer} reads every team and changes none; a member (or a key of the team) reads
 * its team; a team admin (membership role {@code admin}) also changes its team and its members, but
 * only downwards: it may narrow the models and lower the limits the team holds, never widen, raise or
 * clear them, because a team admin's authority comes from the team and cannot exceed it. Creating and
 * deleting teams is a proxy admin's job, as in LiteLLM, except that an org_admin creates teams inside its
 * own organization ({@link OrganizationPolicy#requireCreateTeam}).
 */
final class TeamPolicy {
    /** What a team admin may change; organization, budget rows, durations and per-model maps stay the proxy admin's. */
    static final Set<String> TEAM_ADMIN_FIELDS = Set.of("team_alias", "metadata", "tags", "models", "max_budget",
            "soft_budget", "tpm_limit", "rpm_limit", "max_parallel_requests", "blocked");

    private TeamPolicy() {
    }

    /** @param member whether the caller's user is a member of the team */
    static boolean mayRead(Caller caller, String teamId, boolean member) {
        if (caller.proxyReader()) {
            return true;
        }
        KeyIdentity me = caller.key();
        return member || me.teamAdminOf(teamId) || teamId.equals(me.teamId());
    }

    static void requireCreate(Caller caller) {
        if (!caller.proxyAdmin()) {
            throw AdminErrors.denied("Only a proxy admin may create teams.");
        }
    }

    static void requireDelete(Caller caller) {
        if (!caller.proxyAdmin()) {
            throw AdminErrors.denied("Only a proxy admin may delete teams.");
        }
    }

    /** Changing the team row or its members: a proxy admin, or an admin of this team. */
    static void requireManage(Caller caller, String teamId) {
        if (!caller.proxyAdmin() && !caller.key().teamAdminOf(teamId)) {
            throw AdminErrors.denied("Only a proxy admin or an admin of this team may change it.");
        }
    }

    /**
     * A team admin's change stays within what the team held before it.
     *
     * @param fields the fields the request names
     */
    static void requireWithinHeld(Caller caller, Set<String> fields, Team before, Team after) {
        if (caller.proxyAdmin()) {
            return;
        }
        for (String field : fields) {
            if (!TEAM_ADMIN_FIELDS.contains(field)) {
                throw AdminErrors.denied("Only a proxy admin may change a team's " + field + ".");
            }
        }
        notRaised(before.maxBudget, after.maxBudget, "max_budget");
        notRaised(before.softBudget, after.softBudget, "soft_budget");
        notRaised(before.tpmLimit, after.tpmLimit, "tpm_limit");
        notRaised(before.rpmLimit, after.rpmLimit, "rpm_limit");
        notRaised(before.maxParallelRequests, after.maxParallelRequests, "max_parallel_requests");
        requireNarrowed(list(before.models), list(after.models));
        if (before.blocked && !after.blocked) {
            throw AdminErrors.denied("Only a proxy admin may unblock a team.");
        }
        if (!guardrails(before).equals(guardrails(after))) {
            throw AdminErrors.denied("Only a proxy admin may change a team's guardrails.");
        }
    }

    /** The team's guardrails (kept in its metadata, as LiteLLM does), in any order. */
    private static Set<String> guardrails(Team team) {
        return Set.copyOf(io.switchboard.access.KeyDirectory.teamGuardrails(team.metadata));
    }

    /** No limit (null) is the highest limit of all, so clearing a limit is raising it. */
    private static <T extends Comparable<T>> void notRaised(T held, T requested, String field) {
        if (held != null && (requested == null || requested.compareTo(held) > 0)) {
            throw AdminErrors.denied("A team admin may lower the team's " + field + " but not raise or remove it.");
        }
    }

    /** An empty list means every model, so only a team that already has every model may have it. */
    private static void requireNarrowed(List<String> held, List<String> requested) {
        if (held.isEmpty()) {
            return;
        }
        if (requested.isEmpty()) {
            throw AdminErrors.denied("A team admin may not open the team to every model.");
        }
        for (String model : requested) {
            if (!ModelAccess.matches(held, model)) {
                throw AdminErrors.denied("A team admin may not add model '" + model + "': the team does not hold it.");
            }
        }
    }

    private static List<String> list(List<String> models) {
        return models == null ? List.of() : models;
    }
}
