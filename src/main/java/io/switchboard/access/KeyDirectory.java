package io.switchboard.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.switchboard.governance.Budget;
import io.switchboard.governance.Database;
import io.switchboard.governance.LimitColumns;
import io.switchboard.governance.Organization;
import io.switchboard.governance.Team;
import io.switchboard.governance.TeamMembership;
import io.switchboard.governance.UserAccount;
import io.switchboard.governance.VirtualKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Virtual keys by hash, through a short-lived Caffeine cache so the request path does not touch
 * the database: a key's identity (with its team's and user's lists and limits) is loaded once per
 * {@code SWITCHBOARD_KEY_CACHE_SECONDS} (default 30). Unknown hashes are cached too, so a flood of
 * made-up keys cannot turn into a flood of queries. Admin changes on this instance invalidate at
 * once; other instances see them within the cache lifetime.
 */
@ApplicationScoped
public class KeyDirectory {
    @Inject
    Database database;

    private final Cache<String, Optional<KeyIdentity>> cache = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofSeconds(ConfigProvider.getConfig()
                    .getOptionalValue("SWITCHBOARD_KEY_CACHE_SECONDS", Long.class).orElse(30L)))
            .build();

    /** @return the key's identity, or null when no key has this hash */
    public KeyIdentity find(String tokenHash) {
        return cache.get(tokenHash, hash -> Optional.ofNullable(database.read(em -> load(em, hash)))).orElse(null);
    }

    public void forget(String tokenHash) {
        cache.invalidate(tokenHash);
    }

    /** After a team or user change: every key may carry its lists and limits. */
    public void forgetAll() {
        cache.invalidateAll();
    }

    static KeyIdentity load(EntityManager em, String hash) {
        VirtualKey key = em.find(VirtualKey.class, hash);
        if (key == null) {
            return null;
        }
        Team team = key.teamId == null ? null : em.find(Team.class, key.teamId);
        UserAccount user = key.userId == null ? null : em.find(UserAccount.class, key.userId);
        String orgId = key.organizationId != null ? key.organizationId : team == null ? null : team.organizationId;
        Organization org = orgId == null ? null : em.find(Organization.class, orgId);
        List<String> adminOf = key.userId == null ? List.of() : em.createQuery(
                "select m.teamId from TeamMembership m where m.userId = :user and m.role = :role", String.class)
                .setParameter("user", key.userId).setParameter("role", TeamMembership.ADMIN).getResultList();
        Limits keyLimits = limits(em, key, key.budgetId, key.modelRpmLimit, key.modelTpmLimit);
        return new KeyIdentity(key.token, key.keyId, key.keyName, key.keyAlias, key.teamId, key.userId, orgId,
                user == null ? null : UserRole.of(user.userRole), List.copyOf(adminOf), list(key.models),
                team == null ? List.of() : list(team.models), user == null ? List.of() : list(user.models),
                key.metadata == null ? Map.of() : key.metadata, list(key.tags), list(key.allowedRoutes),
                list(key.guardrails), key.blocked, team != null && team.blocked, key.expires, keyLimits,
                team == null ? Limits.NONE : limits(em, team, team.budgetId, team.modelRpmLimit, team.modelTpmLimit),
                user == null ? Limits.NONE : limits(em, user, user.budgetId, null, null),
                org == null ? Limits.NONE : limits(em, org, org.budgetId, null, null),
                team == null ? List.of() : teamGuardrails(team.metadata), list(key.allowedCacheControls),
                MemberLimits.inTeam(em, key.teamId, key.userId), MemberLimits.inOrganization(em, orgId, key.userId));
    }

    /** LiteLLM keeps a team's guardrails in its metadata, as {@code guardrails: [names]}. */
    public static List<String> teamGuardrails(Map<String, Object> metadata) {
        Object names = metadata == null ? null : metadata.get("guardrails");
        if (!(names instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }

    /** The row's own limits, held within its linked budget row ({@code budget_id}) when it has one. */
    private static Limits limits(EntityManager em, LimitColumns row, String budgetId, Map<String, Object> rpm,
            Map<String, Object> tpm) {
        Limits own = new Limits(row.maxBudget, row.softBudget, row.tpmLimit, row.rpmLimit, row.maxParallelRequests,
                row.budgetDuration, map(row.modelMaxBudget), map(rpm), map(tpm));
        Budget budget = budgetId == null ? null : em.find(Budget.class, budgetId);
        return budget == null ? own : own.within(EndUserDirectory.limits(budget));
    }

    private static Map<String, Object> map(Map<String, Object> value) {
        return value == null ? Map.of() : value;
    }

    private static List<String> list(List<String> value) {
        return value == null ? List.of() : List.copyOf(value);
    }
}
