package io.switchboard.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.access.Caller;
import io.switchboard.access.KeyDirectory;
import io.switchboard.governance.Database;
import io.switchboard.governance.OrganizationMembership;
import io.switchboard.governance.Team;
import io.switchboard.governance.TeamMembership;
import io.switchboard.governance.UserAccount;
import io.switchboard.governance.VirtualKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * LiteLLM's {@code /user/new|update|delete|info|list}, authorized by {@link UserPolicy} on the loaded
 * rows. A user's role and lists are part of every cached key identity of that user, so changes empty
 * the {@link KeyDirectory}.
 */
@ApplicationScoped
public class UserService {
    static final Set<String> WRITABLE = Set.of("user_email", "user_alias", "user_role", "models", "max_budget",
            "soft_budget", "budget_duration", "tpm_limit", "rpm_limit", "max_parallel_requests", "model_max_budget",
            "metadata");
    /** Fields of {@code /user/new} that shape its memberships and first key rather than the user row. */
    private static final Set<String> NEW_USER_EXTRAS = Set.of("user_id", "teams", "auto_create_key", "key_alias",
            "duration");
    private static final String TABLE = "sb_users";

    @Inject
    Database database;

    @Inject
    KeyDirectory directory;

    @Inject
    KeyService keys;

    /**
     * Creates the user, its memberships ({@code teams}, role {@code user}) and, unless
     * {@code auto_create_key} is false (LiteLLM's default is true), its first key in one transaction;
     * the key carries no limits of its own, the user's models and budget bound it on every call.
     */
    public ObjectNode create(Caller caller, ObjectNode body) {
        UserPolicy.requireCreate(caller);
        UserAccount user = new UserAccount();
        JsonNode id = body.get("user_id");
        user.userId = id == null || id.isNull() ? UUID.randomUUID().toString() : AdminJson.requiredText(body, "user_id");
        applyFields(body, user, NEW_USER_EXTRAS);
        user.userRole = user.userRole == null ? "internal_user" : user.userRole;
        List<String> teams = AdminJson.textList(body.get("teams"), "teams");
        JsonNode autoKey = body.path("auto_create_key");
        if (!autoKey.isMissingNode() && !autoKey.isBoolean()) {
            throw AdminErrors.invalid("auto_create_key", "auto_create_key must be true or false.");
        }
        VirtualKey key = new VirtualKey();
        key.userId = user.userId;
        key.keyAlias = body.path("key_alias").isTextual() ? body.get("key_alias").asText() : null;
        key.expires = KeyService.expiry(body.get("duration"));
        KeyPolicy.requireCreate(caller, key);
        KeyPolicy.requireWithinGrant(caller, key);
        user.touch(caller.label(), Instant.now());
        ObjectNode answer = database.inTransaction(em -> {
            if (em.find(UserAccount.class, user.userId) != null) {
                throw AdminErrors.invalid("user_id", "User '" + user.userId + "' already exists.");
            }
            em.persist(user);
            em.flush(); // memberships and the key reference the row
            for (String teamId : teams == null ? List.<String>of() : teams) {
                if (em.find(Team.class, teamId) == null) {
                    throw AdminErrors.notFound("team", "teams");
                }
                TeamRecords.addMember(em, caller, teamId, new Member(user.userId, null, TeamMembership.MEMBER), "teams");
            }
            ObjectNode view = view(em, user);
            AuditTrail.record(em, caller, "created", TABLE, user.userId, null, view);
            if (autoKey.asBoolean(true)) {
                ObjectNode issued = keys.issue(em, caller, key);
                for (String field : List.of("key", "key_id", "key_name", "key_alias", "expires")) {
                    view.set(field, issued.get(field));
                }
            }
            return view;
        });
        directory.forgetAll();
        return answer;
    }

    /** Answers LiteLLM's {@code {user_id, data}}. */
    public ObjectNode update(Caller caller, ObjectNode body) {
        String userId = AdminJson.requiredText(body, "user_id");
        ObjectNode fields = body.deepCopy();
        fields.remove("user_id");
        Set<String> named = new HashSet<>();
        fields.fieldNames().forEachRemaining(named::add);
        ObjectNode view = database.inTransaction(em -> {
            UserAccount user = readable(em, caller, userId);
            UserPolicy.requireUpdate(caller, userId, named);
            ObjectNode before = view(em, user);
            applyFields(fields, user, Set.of());
            user.touch(caller.label(), Instant.now());
            ObjectNode after = view(em, user);
            AuditTrail.record(em, caller, "updated", TABLE, userId, before, after);
            return after;
        });
        directory.forgetAll();
        return AdminJson.updated("user_id", userId, view);
    }

    /** Deletes the users with their memberships and, as LiteLLM does, all their keys (each audited). */
    public ObjectNode delete(Caller caller, List<String> userIds) {
        database.inTransaction(em -> {
            for (String userId : userIds) {
                UserAccount user = readable(em, caller, userId);
                UserPolicy.requireDelete(caller);
                ObjectNode before = view(em, user);
                em.createQuery("select k from VirtualKey k where k.userId = :user", VirtualKey.class)
                        .setParameter("user", userId).getResultList().forEach(k -> keys.remove(em, caller, k));
                em.createQuery("select m from TeamMembership m where m.userId = :user", TeamMembership.class)
                        .setParameter("user", userId).getResultList().forEach(em::remove);
                em.createQuery("select m from OrganizationMembership m where m.userId = :user",
                        OrganizationMembership.class).setParameter("user", userId).getResultList()
                        .forEach(m -> OrganizationMemberService.remove(em, caller, m));
                em.flush(); // keys and memberships reference the user row
                em.remove(user);
                AuditTrail.record(em, caller, "deleted", TABLE, userId, before, null);
            }
            return null;
        });
        directory.forgetAll();
        ObjectNode answer = AdminJson.MAPPER.createObjectNode();
        answer.set("deleted_users", AdminJson.MAPPER.valueToTree(userIds));
        return answer;
    }

    /** LiteLLM's {@code {user_id, user_info, keys, teams}}; without {@code user_id}, the caller's own user. */
    public ObjectNode info(Caller caller, String userId) {
        String wanted = userId != null && !userId.isBlank() ? userId : caller.key() == null ? null : caller.key().userId();
        if (wanted == null) {
            throw AdminErrors.invalid("user_id", "Name the user: ?user_id=<id>.");
        }
        return database.read(em -> {
            UserAccount user = readable(em, caller, wanted);
            ObjectNode answer = AdminJson.MAPPER.createObjectNode().put("user_id", wanted);
            answer.set("user_info", view(em, user));
            ArrayNode keyRows = answer.putArray("keys");
            em.createQuery("select k from VirtualKey k where k.userId = :user order by k.createdAt", VirtualKey.class)
                    .setParameter("user", wanted).getResultList().stream().filter(k -> KeyPolicy.mayRead(caller, k))
                    .forEach(k -> keyRows.add(SettledSpend.key(em, k)));
            ArrayNode teamRows = answer.putArray("teams");
            for (String teamId : TeamRecords.teamIdsOf(em, wanted)) {
                Team team = em.find(Team.class, teamId);
                if (TeamPolicy.mayRead(caller, teamId, TeamRecords.isMember(em, caller, teamId))) {
                    teamRows.add(TeamRecords.view(em, team));
                }
            }
            return answer;
        });
    }

    /** LiteLLM's paged {@code {users, total, page, page_size, total_pages}} over the users the caller may read. */
    public ObjectNode list(Caller caller, String role, int page, int pageSize) {
        if (page < 1 || pageSize < 1 || pageSize > 1000) {
            throw AdminErrors.invalid(page < 1 ? "page" : "page_size", "page must be at least 1 and page_size"
                    + " between 1 and 1000.");
        }
        return database.read(em -> {
            List<UserAccount> users = em.createQuery("select u from UserAccount u order by u.createdAt, u.userId",
                    UserAccount.class).getResultList().stream()
                    .filter(u -> role == null || role.equals(u.userRole))
                    .filter(u -> UserPolicy.mayRead(caller, u.userId, inAdminedTeam(em, caller, u.userId))).toList();
            ObjectNode answer = AdminJson.MAPPER.createObjectNode();
            ArrayNode rows = answer.putArray("users");
            users.stream().skip((long) (page - 1) * pageSize).limit(pageSize).forEach(u -> rows.add(view(em, u)));
            answer.put("total", users.size()).put("page", page).put("page_size", pageSize)
                    .put("total_pages", (users.size() + pageSize - 1) / pageSize);
            return answer;
        });
    }

    private static UserAccount readable(EntityManager em, Caller caller, String userId) {
        UserAccount user = em.find(UserAccount.class, userId);
        if (user == null || !UserPolicy.mayRead(caller, userId, inAdminedTeam(em, caller, userId))) {
            throw AdminErrors.notFound("user", "user_id");
        }
        return user;
    }

    private static boolean inAdminedTeam(EntityManager em, Caller caller, String userId) {
        return caller.key() != null && !caller.key().adminOfTeams().isEmpty()
                && TeamRecords.teamIdsOf(em, userId).stream().anyMatch(caller.key()::teamAdminOf);
    }

    /** The user row with LiteLLM's {@code teams}: the ids of the teams it belongs to. */
    private static ObjectNode view(EntityManager em, UserAccount user) {
        ObjectNode view = SettledSpend.shown(em, AdminJson.tree(user), "user", user.userId);
        view.set("teams", AdminJson.MAPPER.valueToTree(TeamRecords.teamIdsOf(em, user.userId)));
        return view;
    }

    private static void applyFields(ObjectNode body, UserAccount user, Set<String> handledElsewhere) {
        AdminJson.applyWritable(body, user, WRITABLE, handledElsewhere, "a user");
        if (body.has("user_role")) {
            UserPolicy.validRole(user.userRole);
        }
        LimitFields.requireValid(user);
    }
}
