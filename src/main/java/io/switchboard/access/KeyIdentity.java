package io.switchboard.access;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Who a virtual key belongs to and what it may do, as loaded (and cached) at authentication.
 * {@code tokenHash} identifies the key to the database (spend rows, reservations) and must never be
 * written to a response; {@code keyId} is the public identifier.
 *
 * @param userRole   the owning user's proxy role, or null for a key without a user
 * @param adminOfTeams teams where the owning user is a team admin
 * @param models     the key's own model list; empty means "whatever the team allows"
 * @param teamModels the team's model list; empty means all models
 * @param userModels the user's model list; empty means no restriction from the user
 * @param teamGuardrails the team's guardrails (its metadata's {@code guardrails}): they run on every call of its keys
 * @param allowedCacheControls the per-request cache controls the key may use; empty means all (LiteLLM's default)
 * @param teamMemberLimits the key's user's own limits inside the key's team (its {@code max_budget_in_team}),
 *                   or null when the user is not a member of it
 * @param organizationMemberLimits the same inside the key's organization ({@code max_budget_in_organization})
 */
public record KeyIdentity(String tokenHash, String keyId, String keyName, String keyAlias, String teamId,
        String userId, String organizationId, UserRole userRole, List<String> adminOfTeams, List<String> models,
        List<String> teamModels, List<String> userModels, Map<String, Object> metadata, List<String> tags,
        List<String> allowedRoutes, List<String> guardrails, boolean blocked, boolean teamBlocked,
        Instant expires, Limits keyLimits, Limits teamLimits, Limits userLimits, Limits organizationLimits,
        List<String> teamGuardrails, List<String> allowedCacheControls, Limits teamMemberLimits,
        Limits organizationMemberLimits) {

    /** An identity without team guardrails, cache-control restrictions or memberships (most tests need none). */
    public KeyIdentity(String tokenHash, String keyId, String keyName, String keyAlias, String teamId,
            String userId, String organizationId, UserRole userRole, List<String> adminOfTeams, List<String> models,
            List<String> teamModels, List<String> userModels, Map<String, Object> metadata, List<String> tags,
            List<String> allowedRoutes, List<String> guardrails, boolean blocked, boolean teamBlocked,
            Instant expires, Limits keyLimits, Limits teamLimits, Limits userLimits, Limits organizationLimits) {
        this(tokenHash, keyId, keyName, keyAlias, teamId, userId, organizationId, userRole, adminOfTeams, models,
                teamModels, userModels, metadata, tags, allowedRoutes, guardrails, blocked, teamBlocked, expires,
                keyLimits, teamLimits, userLimits, organizationLimits, List.of(), List.of(), null, null);
    }

    public boolean expiredAt(Instant now) {
        return expires != null && !now.isBefore(expires);
    }

    public boolean teamAdminOf(String team) {
        return team != null && adminOfTeams.contains(team);
    }
}
