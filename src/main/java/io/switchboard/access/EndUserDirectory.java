package io.switchboard.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.switchboard.governance.Budget;
import io.switchboard.governance.Database;
import io.switchboard.governance.EndUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * End users by id, for the request path: every call that names a {@code user} asks whether it is
 * blocked and what its budget is, so the answer comes from a short-lived Caffeine cache (a lookup is a
 * hash-map read; the database is asked once per end user per {@code SWITCHBOARD_END_USER_CACHE_SECONDS},
 * default 5). End users without a row are cached too, so a stream of one-off {@code user} values costs
 * one query each, not one per call. Admin changes on this instance invalidate at once; other instances
 * see them within the cache lifetime, which is why it is kept short.
 */
@ApplicationScoped
public class EndUserDirectory {
    @Inject
    Database database;

    private final Cache<String, Optional<EndUserStanding>> cache;
    private final Function<String, Optional<EndUserStanding>> loader;

    public EndUserDirectory() {
        this(Duration.ofSeconds(ConfigProvider.getConfig()
                .getOptionalValue("SWITCHBOARD_END_USER_CACHE_SECONDS", Long.class).orElse(5L)), null);
    }

    /** For tests: {@code loader} stands in for the database. */
    EndUserDirectory(Duration lifetime, Function<String, Optional<EndUserStanding>> loader) {
        this.cache = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(lifetime).build();
        this.loader = loader;
    }

    /** @return the end user's standing, or null when it has no row (no budget, not blocked) */
    public EndUserStanding find(String endUserId) {
        return cache.get(endUserId, id -> loader != null ? loader.apply(id)
                : Optional.ofNullable(database.read(em -> load(em, id)))).orElse(null);
    }

    public void forget(String endUserId) {
        cache.invalidate(endUserId);
    }

    /** After a budget change: any end user may use the budget. */
    public void forgetAll() {
        cache.invalidateAll();
    }

    static EndUserStanding load(EntityManager em, String id) {
        EndUser user = em.find(EndUser.class, id);
        if (user == null) {
            return null;
        }
        Budget budget = user.budgetId == null ? null : em.find(Budget.class, user.budgetId);
        return new EndUserStanding(user.blocked, budget == null ? Limits.NONE : limits(budget), user.allowedModelRegion,
                user.defaultModel);
    }

    /** A budget row's limits (a row has no per-model rate limits), for whatever party links it. */
    public static Limits limits(Budget b) {
        return new Limits(b.maxBudget, b.softBudget, b.tpmLimit, b.rpmLimit, b.maxParallelRequests, b.budgetDuration,
                b.modelMaxBudget == null ? Map.of() : b.modelMaxBudget, Map.of(), Map.of());
    }
}
