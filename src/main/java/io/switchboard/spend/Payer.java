package io.switchboard.spend;

import io.switchboard.access.Limits;
import java.util.Map;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Everyone a call is charged to: its key, the key's team, user and organization, the end user the
 * request names, the key's budget for this model, and the key's user as a member of its team and of its
 * organization. Each is an {@link Entity}; the list is in the
 * fixed lock order (by kind, then id) every transaction follows, so two instances updating the same
 * rows can never deadlock (LiteLLM's {@code 40P01} under load).
 */
public record Payer(List<Entity> entities, Map<Entity, Limits> declared) {

    /**
     * @param declared the budgets and limits the key directory holds for some parties (a virtual key, its
     *                 team, user and organization); the ledger's rows are brought in line with them
     */
    public Payer {
        List<Entity> sorted = new ArrayList<>(entities);
        sorted.sort(Comparator.comparing((Entity e) -> e.kind().ordinal()).thenComparing(Entity::id));
        entities = List.copyOf(sorted);
        declared = Map.copyOf(declared);
    }

    public Payer(List<Entity> entities) {
        this(entities, Map.of());
    }

    /**
     * The kinds of party, in lock order. The members' kinds (a user inside a team, id {@code team/user};
     * inside an organization, id {@code org/user}) come last so the order of the older kinds is unchanged
     * for instances still running the previous release against the same database.
     */
    public enum Kind {
        KEY, KEY_MODEL, TEAM, USER, ORGANIZATION, END_USER, TEAM_MEMBER, ORG_MEMBER;

        public String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One party; {@code id} is the key's hash id, never the key. */
    public record Entity(Kind kind, String id) {
        public String scope() {
            return kind.column() + ":" + id;
        }
    }

    public Entity entity(Kind kind) {
        return entities.stream().filter(e -> e.kind() == kind).findFirst().orElse(null);
    }
}
