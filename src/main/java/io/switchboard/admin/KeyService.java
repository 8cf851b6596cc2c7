package io.switchboard.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.access.ApiKeyAuthenticator;
import io.switchboard.access.Caller;
import io.switchboard.access.KeyDirectory;
import io.switchboard.access.KeyHashing;
import io.switchboard.cache.CacheControls;
import io.switchboard.governance.Budget;
import io.switchboard.governance.Database;
import io.switchboard.governance.Organization;
import io.switchboard.governance.TeamMembership;
import io.switchboard.governance.VirtualKey;
import io.switchboard.guardrail.Guardrails;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The virtual-key operations of the admin API. Authorization ({@link KeyPolicy}) runs here, on the
 * loaded objects, so no route can skip it. The key itself appears exactly once: in the answer to
 * generate or regenerate.
 */
@ApplicationScoped
public class KeyService {
    static final Set<String> WRITABLE = Set.of("key_alias", "models", "max_budget", "soft_budget",
            "budget_duration", "tpm_limit", "rpm_limit", "max_parallel_requests", "model_max_budget",
            "model_rpm_limit", "model_tpm_limit", "team_id", "user_id", "metadata", "tags", "blocked",
            "allowed_routes", "guardrails", "budget_id", "organization_id", "allowed_cache_controls");

    @Inject
    Database database;

    @Inject
    KeyDirectory directory;

    @Inject
    ApiKeyAuthenticator authenticator;

    @Inject
    Guardrails guardrails;

    public ObjectNode generate(Caller caller, ObjectNode body) {
        VirtualKey key = new VirtualKey();
        applyFields(body, key, Set.of("duration"));
        key.expires = expiry(body.get("duration"));
        KeyPolicy.requireCreate(caller, key);
        KeyPolicy.requireWithinGrant(caller, key);
        return database.inTransaction(em -> issue(em, caller, key));
    }

    /**
     * Stores {@code key} (already authorized) with a fresh secret inside the caller's transaction, so
     * {@code /user/new} can create a user and its first key atomically. The answer is the only place
     * the key ever appears.
     */
    ObjectNode issue(EntityManager em, Caller caller, VirtualKey key) {
        KeyHashing hashing = hashing();
        String secret = KeyHashing.newKey();
        key.token = hashing.hash(secret);
        key.keyId = KeyHashing.newKeyId();
        key.keyName = KeyHashing.displayName(secret);
        key.touch(caller.label(), Instant.now());
        requireTeamMember(em, caller, key);
        requireLinkedRowsExist(em, key);
        em.persist(key);
        AuditTrail.record(em, caller, "created", "sb_verification_tokens", key.keyId, null, AdminJson.tree(key));
        ObjectNode answer = AdminJson.tree(key);
        answer.put("key", secret);
        return answer;
    }

    public ObjectNode update(Caller caller, ObjectNode body) {
        String ref = AdminJson.requiredText(body, "key");
        ObjectNode fields = body.deepCopy();
        fields.remove("key");
        VirtualKey result = database.inTransaction(em -> {
            VirtualKey key = find(em, caller, ref);
            KeyPolicy.requireManage(caller, key);
            JsonNode before = AdminJson.tree(key);
            applyFields(fields, key, Set.of("duration"));
            if (fields.has("duration")) {
                key.expires = expiry(fields.get("duration"));
            }
            KeyPolicy.requireManage(caller, key);
            KeyPolicy.requireWithinGrant(caller, key);
            requireTeamMember(em, caller, key);
            requireLinkedRowsExist(em, key);
            key.touch(caller.label(), Instant.now());
            AuditTrail.record(em, caller, "updated", "sb_verification_tokens", key.keyId, before, AdminJson.tree(key));
            return key;
        });
        directory.forget(result.token);
        return AdminJson.tree(result);
    }

    public ObjectNode setBlocked(Caller caller, String ref, boolean blocked) {
        VirtualKey result = database.inTransaction(em -> {
            VirtualKey key = find(em, caller, ref);
            KeyPolicy.requireBlock(caller, key);
            JsonNode before = AdminJson.tree(key);
            key.blocked = blocked;
            key.touch(caller.label(), Instant.now());
            AuditTrail.record(em, caller, blocked ? "blocked" : "unblocked", "sb_verification_tokens", key.keyId,
                    before, AdminJson.tree(key));
            return key;
        });
        directory.forget(result.token);
        return AdminJson.tree(result);
    }

    public ObjectNode delete(Caller caller, List<String> refs) {
        List<String> deleted = database.inTransaction(em -> {
            List<String> hashes = new ArrayList<>();
            for (String ref : refs) {
                VirtualKey key = find(em, caller, ref);
                KeyPolicy.requireManage(caller, key);
                hashes.add(remove(em, caller, key));
            }
            return hashes;
        });
        deleted.forEach(directory::forget);
        ObjectNode answer = AdminJson.MAPPER.createObjectNode();
        answer.set("deleted_keys", AdminJson.MAPPER.valueToTree(refs));
        return answer;
    }

    /**
     * Deletes a key (already authorized) with its audit row inside the caller's transaction; also used
     * when a team or user goes, so their keys cannot outlive them. The caller forgets the returned hash
     * in the {@link KeyDirectory} after commit.
     */
    String remove(EntityManager em, Caller caller, VirtualKey key) {
        AuditTrail.record(em, caller, "deleted", "sb_verification_tokens", key.keyId, AdminJson.tree(key), null);
        em.remove(key);
        return key.token;
    }

    /** A new key for the same row: the old key stops working at once. */
    public ObjectNode regenerate(Caller caller, String ref) {
        KeyHashing hashing = hashing();
        String secret = KeyHashing.newKey();
        String[] oldHash = new String[1];
        VirtualKey result = database.inTransaction(em -> {
            VirtualKey key = find(em, caller, ref);
            KeyPolicy.requireManage(caller, key);
            JsonNode before = AdminJson.tree(key);
            oldHash[0] = key.token;
            VirtualKey fresh = AdminJson.MAPPER.convertValue(AdminJson.tree(key), VirtualKey.class);
            fresh.token = hashing.hash(secret);
            fresh.keyName = KeyHashing.displayName(secret);
            fresh.spend = key.spend;
            fresh.reservedSpend = key.reservedSpend;
            fresh.touch(caller.label(), Instant.now());
            em.remove(key);
            em.flush();
            em.persist(fresh);
            AuditTrail.record(em, caller, "regenerated", "sb_verification_tokens", fresh.keyId, before,
                    AdminJson.tree(fresh));
            return fresh;
        });
        directory.forget(oldHash[0]);
        ObjectNode answer = AdminJson.tree(result);
        answer.put("key", secret);
        return answer;
    }

    public ObjectNode info(Caller caller, String ref) {
        return database.read(em -> {
            VirtualKey key = ref == null ? ownKey(em, caller) : find(em, caller, ref);
            ObjectNode answer = AdminJson.MAPPER.createObjectNode();
            answer.put("key", key.keyId);
            answer.set("info", SettledSpend.key(em, key));
            return answer;
        });
    }

    public ObjectNode list(Caller caller, String teamId, String userId) {
        // Filters are added only when given: Derby refuses an untyped "? IS NULL".
        String jpql = "select k from VirtualKey k where 1 = 1" + (teamId == null ? "" : " and k.teamId = :team")
                + (userId == null ? "" : " and k.userId = :user") + " order by k.createdAt";
        ArrayNode keys = database.read(em -> {
            var query = em.createQuery(jpql, VirtualKey.class);
            if (teamId != null) {
                query.setParameter("team", teamId);
            }
            if (userId != null) {
                query.setParameter("user", userId);
            }
            List<VirtualKey> readable = query.getResultList().stream().filter(k -> KeyPolicy.mayRead(caller, k)).toList();
            Map<String, BigDecimal> settled = SettledSpend.ofKeys(em, readable.stream().map(k -> k.keyId).toList());
            ArrayNode rows = AdminJson.MAPPER.createArrayNode();
            readable.forEach(k -> rows.add(SettledSpend.key(k, settled)));
            return rows;
        });
        ObjectNode answer = AdminJson.MAPPER.createObjectNode();
        answer.set("keys", keys);
        answer.put("total_count", keys.size());
        return answer;
    }

    /**
     * Finds a key by its public id or by the key itself (never by hash). A key the caller may not
     * read is reported exactly like a missing one, so ids of other teams' keys cannot be probed.
     */
    private VirtualKey find(EntityManager em, Caller caller, String ref) {
        VirtualKey key;
        if (ref.startsWith("key-")) {
            key = em.createQuery("select k from VirtualKey k where k.keyId = :id", VirtualKey.class)
                    .setParameter("id", ref).getResultStream().findFirst().orElse(null);
        } else {
            key = em.find(VirtualKey.class, hashing().hash(ref));
        }
        if (key == null || !KeyPolicy.mayRead(caller, key)) {
            throw new GatewayException(ErrorKind.NOT_FOUND, "No such key.", "key", "key_not_found");
        }
        return key;
    }

    private static VirtualKey ownKey(EntityManager em, Caller caller) {
        if (caller.key() == null) {
            throw new GatewayException(ErrorKind.INVALID_REQUEST, "Name the key: ?key=<key id or key>.", "key",
                    "missing_key");
        }
        VirtualKey key = em.find(VirtualKey.class, caller.key().tokenHash());
        if (key == null) {
            throw new GatewayException(ErrorKind.NOT_FOUND, "No such key.", "key", "key_not_found");
        }
        return key;
    }

    /** A team admin may put keys only on members of its team. */
    private static void requireTeamMember(EntityManager em, Caller caller, VirtualKey key) {
        if (caller.proxyAdmin() || key.userId == null || key.teamId == null
                || key.userId.equals(caller.key().userId())) {
            return;
        }
        if (em.find(TeamMembership.class, new TeamMembership.Id(key.teamId, key.userId)) == null) {
            throw AdminErrors.denied("The key's user is not a member of its team.");
        }
    }

    /** A 400 naming the field, not the foreign-key violation's 500, for a budget or organization that isn't there. */
    private static void requireLinkedRowsExist(EntityManager em, VirtualKey key) {
        if (key.budgetId != null && em.find(Budget.class, key.budgetId) == null) {
            throw new GatewayException(ErrorKind.INVALID_REQUEST, "No such budget: " + key.budgetId, "budget_id",
                    "budget_not_found");
        }
        if (key.organizationId != null && em.find(Organization.class, key.organizationId) == null) {
            throw new GatewayException(ErrorKind.INVALID_REQUEST, "No such organization: " + key.organizationId,
                    "organization_id", "organization_not_found");
        }
    }

    private void applyFields(ObjectNode body, VirtualKey key, Set<String> handledElsewhere) {
        AdminJson.applyWritable(body, key, WRITABLE, handledElsewhere, "a key");
        if (body.has("guardrails") && key.guardrails != null) { // refused now, not on each of the key's calls
            guardrails.requireKnown(key.guardrails, "guardrails");
        }
        LimitFields.nonNegative(key.maxBudget, "max_budget");
        LimitFields.nonNegative(key.softBudget, "soft_budget");
        if (key.allowedCacheControls != null && !CacheControls.NAMES.containsAll(key.allowedCacheControls)) {
            throw AdminErrors.invalid("allowed_cache_controls", "allowed_cache_controls may only name "
                    + new java.util.TreeSet<>(CacheControls.NAMES) + ".");
        }
    }

    static Instant expiry(JsonNode duration) {
        if (duration == null || duration.isNull()) {
            return null;
        }
        return Instant.now().plus(LimitFields.parseDuration(duration.asText(), "duration"));
    }

    private KeyHashing hashing() {
        KeyHashing hashing = authenticator.hashing();
        if (hashing == null) {
            throw new GatewayException(ErrorKind.INVALID_REQUEST, "Virtual keys need LITELLM_SALT_KEY or a master"
                    + " key to be configured.", null, "no_key_secret");
        }
        return hashing;
    }
}
