package io.switchboard.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.access.Caller;
import io.switchboard.governance.Organization;
import io.switchboard.governance.OrganizationMembership;
import io.switchboard.governance.Team;
import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * Organizations and their memberships as the organization routes load and show them: one the caller
 * may not read is reported exactly like a missing one, and an organization is shown as LiteLLM's
 * {@code LiteLLM_OrganizationTableWithMembers}, with its {@code members}.
 */
final class OrganizationRecords {
    private OrganizationRecords() {
    }

    /** Unknown and not-readable answer alike, so other organizations' ids cannot be probed. */
    static Organization readable(EntityManager em, Caller caller, String organizationId) {
        Organization org = em.find(Organization.class, organizationId);
        if (org == null || !OrganizationPolicy.mayRead(caller, organizationId, mine(em, caller, organizationId))) {
            throw AdminErrors.notFound("organization", "organization_id");
        }
        return org;
    }

    /** The caller's own membership of the organization; null for the master key and keys without a user. */
    static OrganizationMembership mine(EntityManager em, Caller caller, String organizationId) {
        String user = caller.key() == null ? null : caller.key().userId();
        return user == null ? null
                : em.find(OrganizationMembership.class, new OrganizationMembership.Id(organizationId, user));
    }

    /** The ids of the organizations {@code userId} is a member of; none for a caller without a user. */
    static List<String> organizationIdsOf(EntityManager em, String userId) {
        if (userId == null) {
            return List.of();
        }
        return em.createQuery("select m.organizationId from OrganizationMembership m where m.userId = :user",
                String.class).setParameter("user", userId).getResultList();
    }

    static List<OrganizationMembership> members(EntityManager em, String organizationId) {
        return em.createQuery("select m from OrganizationMembership m where m.organizationId = :org"
                + " order by m.createdAt, m.userId", OrganizationMembership.class)
                .setParameter("org", organizationId).getResultList();
    }

    static List<Team> teams(EntityManager em, String organizationId) {
        return em.createQuery("select t from Team t where t.organizationId = :org order by t.createdAt", Team.class)
                .setParameter("org", organizationId).getResultList();
    }

    /** The organization row with {@code members: [{user_id, organization_id, user_role, created_at, updated_at}]}. */
    static ObjectNode view(EntityManager em, Organization org) {
        ObjectNode view = SettledSpend.shown(em, AdminJson.tree(org), "organization", org.organizationId);
        ArrayNode members = view.putArray("members");
        members(em, org.organizationId).forEach(m -> members.add(AdminJson.tree(m)));
        return view;
    }
}
