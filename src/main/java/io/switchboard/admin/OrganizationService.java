package io.switchboard.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.access.Caller;
import io.switchboard.access.KeyDirectory;
import io.switchboard.governance.Database;
import io.switchboard.governance.Organization;
import io.switchboard.governance.OrganizationMembership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * LiteLLM's {@code /organization/new|update|delete|info|list}. Organizations sit above teams; only proxy
 * admins create and delete them and change their limits (an org admin renames its own and manages its
 * members in {@link OrganizationMemberService});
 * who reads one is {@link OrganizationPolicy}'s. An organization's budgets and limits bound
 * every key under it (its own or its team's) through the {@link KeyDirectory}, so each change empties
 * that cache.
 */
@ApplicationScoped
public class OrganizationService {
    /**
     * What an organization takes: its name and the budgets and rate limits the ledger enforces on every
     * key under it. {@code models} and {@code blocked} are refused by name rather than stored, because no
     * call checks them yet and an operator must not believe they hold.
     */
    static final Set<String> WRITABLE = Set.of("organization_alias", "max_budget", "soft_budget",
            "budget_duration", "tpm_limit", "rpm_limit", "max_parallel_requests", "model_max_budget", "metadata");
    private static final String TABLE = "sb_organizations";

    @Inject
    Database database;

    @Inject
    KeyDirectory directory;

    public ObjectNode create(Caller caller, ObjectNode body) {
        AdminRoles.requireProxyAdmin(caller);
        Organization org = new Organization();
        JsonNode id = body.get("organization_id");
        org.organizationId = id == null || id.isNull() ? UUID.randomUUID().toString()
                : AdminJson.requiredText(body, "organization_id");
        AdminJson.requiredText(body, "organization_alias"); // LiteLLM requires a name people can read
        apply(body, org, Set.of("organization_id"));
        org.touch(caller.label(), Instant.now());
        return database.inTransaction(em -> {
            if (em.find(Organization.class, org.organizationId) != null) {
                throw AdminErrors.invalid("organization_id", "Organization '" + org.organizationId
                        + "' already exists.");
            }
            em.persist(org);
            ObjectNode view = AdminJson.tree(org);
            AuditTrail.record(em, caller, "created", TABLE, org.organizationId, null, view);
            return view;
        });
    }

    /** A proxy admin changes any organization; its org_admin only its name and metadata ({@link OrganizationPolicy}). */
    public ObjectNode update(Caller caller, ObjectNode body) {
        String organizationId = AdminJson.requiredText(body, "organization_id");
        ObjectNode answer = database.inTransaction(em -> {
            Organization org = OrganizationRecords.readable(em, caller, organizationId);
            OrganizationPolicy.requireUpdate(caller, OrganizationRecords.mine(em, caller, organizationId), body);
            ObjectNode before = AdminJson.tree(org);
            apply(body, org, Set.of("organization_id"));
            org.touch(caller.label(), Instant.now());
            ObjectNode after = AdminJson.tree(org);
            AuditTrail.record(em, caller, "updated", TABLE, organizationId, before, after);
            return after;
        });
        directory.forgetAll();
        return answer;
    }

    /**
     * Deletes empty organizations only: one that still holds teams or keys is a 400 naming it, since
     * deleting it would lift its limits from everything under it (move or delete those first). Its
     * memberships go with it, each audited.
     */
    public ObjectNode delete(Caller caller, List<String> organizationIds) {
        AdminRoles.requireProxyAdmin(caller);
        database.inTransaction(em -> {
            for (String organizationId : organizationIds) {
                Organization org = OrganizationRecords.readable(em, caller, organizationId);
                long holders = OrganizationRecords.teams(em, organizationId).size() + em.createQuery(
                        "select count(k) from VirtualKey k where k.organizationId = :org", Long.class)
                        .setParameter("org", organizationId).getSingleResult();
                if (holders > 0) {
                    throw new GatewayException(ErrorKind.INVALID_REQUEST,
                            "Organization '" + organizationId + "' still holds " + holders + " teams or keys; move"
                            + " or delete them first.", "organization_ids", "organization_in_use");
                }
                ObjectNode before = OrganizationRecords.view(em, org);
                for (OrganizationMembership member : OrganizationRecords.members(em, organizationId)) {
                    OrganizationMemberService.remove(em, caller, member);
                }
                em.flush(); // memberships reference the organization row
                em.remove(org);
                AuditTrail.record(em, caller, "deleted", TABLE, organizationId, before, null);
            }
            return null;
        });
        directory.forgetAll();
        ObjectNode answer = AdminJson.MAPPER.createObjectNode();
        answer.set("deleted_organizations", AdminJson.MAPPER.valueToTree(organizationIds));
        return answer;
    }

    /** The organization with its members and the teams in it that the caller may read. */
    public ObjectNode info(Caller caller, String organizationId) {
        if (organizationId == null || organizationId.isBlank()) {
            throw AdminErrors.invalid("organization_id", "Name the organization: ?organization_id=<id>.");
        }
        return database.read(em -> {
            ObjectNode view = OrganizationRecords.view(em, OrganizationRecords.readable(em, caller, organizationId));
            ArrayNode teams = view.putArray("teams");
            List<String> mine = TeamRecords.teamIdsOf(em, userOf(caller));
            OrganizationRecords.teams(em, organizationId).stream().filter(t -> TeamPolicy.mayRead(caller, t.teamId,
                    mine.contains(t.teamId))).forEach(t -> teams.add(TeamRecords.view(em, t)));
            return view;
        });
    }

    /** A JSON array of the organizations the caller may read, each with its members. */
    public ArrayNode list(Caller caller) {
        return database.read(em -> {
            List<String> memberOf = OrganizationRecords.organizationIdsOf(em, userOf(caller));
            ArrayNode all = AdminJson.MAPPER.createArrayNode();
            em.createQuery("select o from Organization o order by o.createdAt", Organization.class).getResultList()
                    .stream().filter(o -> memberOf.contains(o.organizationId)
                            || OrganizationPolicy.mayRead(caller, o.organizationId, null))
                    .forEach(o -> all.add(OrganizationRecords.view(em, o)));
            return all;
        });
    }

    private static String userOf(Caller caller) {
        return caller.key() == null ? null : caller.key().userId();
    }

    private static void apply(ObjectNode body, Organization org, Set<String> handledElsewhere) {
        AdminJson.applyWritable(body, org, WRITABLE, handledElsewhere, "an organization");
        LimitFields.requireValid(org);
    }
}
