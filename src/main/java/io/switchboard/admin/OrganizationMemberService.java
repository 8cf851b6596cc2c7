package io.switchboard.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.access.Caller;
import io.switchboard.access.KeyDirectory;
import io.switchboard.access.UserRole;
import io.switchboard.governance.Database;
import io.switchboard.governance.OrganizationMembership;
import io.switchboard.governance.UserAccount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * LiteLLM's {@code /organization/member_add}, {@code /organization/member_update} and
 * {@code /organization/member_delete}, for a proxy admin or an {@code org_admin} of the organization
 * ({@link OrganizationPolicy}). Every change is audited in its own transaction. LiteLLM's
 * {@code max_budget_in_organization} is the member's own budget inside the organization
 * ({@link MemberBudget}), held on every call of its keys there; it is part of each cached key identity,
 * so a change to it empties the {@link KeyDirectory}. Organization roles are not: each check reads the
 * memberships afresh.
 */
@ApplicationScoped
public class OrganizationMemberService {
    private static final String TABLE = "sb_organization_members";
    /** What a request may name; the proxy roles are named so they can be refused as escalations, not typos. */
    private static final Set<String> NAMEABLE_ROLES = nameableRoles();
    /** LiteLLM's name for a member's own budget inside the organization. */
    private static final String MAX_BUDGET = "max_budget_in_organization";

    @Inject
    Database database;

    @Inject
    KeyDirectory directory;

    /** Answers LiteLLM's {@code {organization_id, updated_users, updated_organization_memberships}}. */
    public ObjectNode add(Caller caller, ObjectNode body) {
        AdminJson.requireOnly(body, Set.of("organization_id", "member", MAX_BUDGET));
        String organizationId = AdminJson.requiredText(body, "organization_id");
        BigDecimal maxBudget = MemberBudget.amount(body, MAX_BUDGET);
        List<Member> members = Member.parse(body.get("member"), "member", NAMEABLE_ROLES, null);
        if (members.isEmpty()) {
            throw AdminErrors.invalid("member", "'member' must name at least one {user_id, role}.");
        }
        ObjectNode added = database.inTransaction(em -> {
            OrganizationRecords.readable(em, caller, organizationId);
            OrganizationPolicy.requireManageMembers(caller, OrganizationRecords.mine(em, caller, organizationId));
            ObjectNode answer = AdminJson.MAPPER.createObjectNode().put("organization_id", organizationId);
            ArrayNode users = answer.putArray("updated_users");
            ArrayNode rows = answer.putArray("updated_organization_memberships");
            for (Member member : members) {
                OrganizationPolicy.requireGrantable(caller, member.role(), "member");
                UserAccount user = member.findOrCreateUser(em, caller, "member");
                OrganizationPolicy.requireMayChange(caller, user);
                if (em.find(OrganizationMembership.class, new OrganizationMembership.Id(organizationId, user.userId))
                        != null) {
                    throw AdminErrors.invalid("member", "User '" + user.userId + "' is already a member of this"
                            + " organization; change its role with /organization/member_update.");
                }
                OrganizationMembership row = new OrganizationMembership();
                row.organizationId = organizationId;
                row.userId = user.userId;
                row.userRole = member.role();
                row.budgetId = MemberBudget.apply(em, caller, null, maxBudget);
                row.createdAt = Instant.now();
                row.updatedAt = row.createdAt;
                em.persist(row);
                AuditTrail.record(em, caller, "member_added", TABLE, auditId(row), null, AdminJson.tree(row));
                users.add(AdminJson.tree(user));
                rows.add(membershipView(em, row));
            }
            return answer;
        });
        directory.forgetAll(); // a new member's keys in the organization now pay as the member
        return added;
    }

    /**
     * Changes a member's {@code role} and/or its {@code max_budget_in_organization}; answers the membership
     * row, as LiteLLM does.
     */
    public ObjectNode update(Caller caller, ObjectNode body) {
        AdminJson.requireOnly(body, Set.of("organization_id", "user_id", "user_email", "role", MAX_BUDGET));
        String organizationId = AdminJson.requiredText(body, "organization_id");
        boolean budgetNamed = MemberBudget.named(body, MAX_BUDGET);
        BigDecimal maxBudget = MemberBudget.amount(body, MAX_BUDGET);
        String role = body.hasNonNull("role") || !budgetNamed ? AdminJson.requiredText(body, "role") : null;
        if (role != null && !NAMEABLE_ROLES.contains(role)) {
            throw AdminErrors.invalid("role", "An organization role is one of "
                    + OrganizationMembership.ROLES.stream().sorted().toList() + ".");
        }
        Member named = named(body, role);
        ObjectNode updated = database.inTransaction(em -> {
            OrganizationMembership row = existingMembership(em, caller, organizationId, named);
            ObjectNode before = AdminJson.tree(row);
            if (role != null) {
                OrganizationPolicy.requireGrantable(caller, role, "role");
                row.userRole = role;
            }
            if (budgetNamed) {
                row.budgetId = MemberBudget.apply(em, caller, row.budgetId, maxBudget);
            }
            row.updatedAt = Instant.now();
            AuditTrail.record(em, caller, "member_updated", TABLE, auditId(row), before, AdminJson.tree(row));
            return membershipView(em, row);
        });
        directory.forgetAll();
        return updated;
    }

    /** A membership with its budget row and the member's settled spend in the organization. */
    private static ObjectNode membershipView(EntityManager em, OrganizationMembership row) {
        return MemberBudget.view(em, AdminJson.tree(row), row.budgetId, "org_member", auditId(row));
    }

    /** Removes a member (the user stays); answers the removed membership row, as LiteLLM does. */
    public ObjectNode delete(Caller caller, ObjectNode body) {
        AdminJson.requireOnly(body, Set.of("organization_id", "user_id", "user_email"));
        String organizationId = AdminJson.requiredText(body, "organization_id");
        Member named = named(body, null);
        return database.inTransaction(em -> {
            OrganizationMembership row = existingMembership(em, caller, organizationId, named);
            ObjectNode removed = AdminJson.tree(row);
            remove(em, caller, row);
            return removed;
        });
    }

    /** Removes one membership with its audit row; also used when the organization or the user goes. */
    static void remove(EntityManager em, Caller caller, OrganizationMembership row) {
        AuditTrail.record(em, caller, "member_deleted", TABLE, auditId(row), AdminJson.tree(row), null);
        em.remove(row);
    }

    /**
     * The named member's row, after the caller's right to change it: an organization it may not read
     * is missing (404), one it may read but not manage is refused (403), an unknown user or a user who
     * is not a member is missing, and a proxy-role member is beyond an org_admin (403).
     */
    private static OrganizationMembership existingMembership(EntityManager em, Caller caller, String organizationId,
            Member named) {
        OrganizationRecords.readable(em, caller, organizationId);
        OrganizationPolicy.requireManageMembers(caller, OrganizationRecords.mine(em, caller, organizationId));
        UserAccount user = named.findUser(em, "user_id");
        OrganizationMembership row = em.find(OrganizationMembership.class,
                new OrganizationMembership.Id(organizationId, user.userId));
        if (row == null) {
            throw AdminErrors.notFound("organization member", "user_id");
        }
        OrganizationPolicy.requireMayChange(caller, user);
        return row;
    }

    private static Member named(ObjectNode body, String role) {
        String userId = body.path("user_id").isTextual() ? body.get("user_id").asText() : null;
        String email = body.path("user_email").isTextual() ? body.get("user_email").asText() : null;
        if (userId == null && email == null) {
            throw AdminErrors.invalid("user_id", "Name the member by user_id or user_email.");
        }
        return new Member(userId, email, role);
    }

    private static String auditId(OrganizationMembership row) {
        return row.organizationId + "/" + row.userId;
    }

    private static Set<String> nameableRoles() {
        Set<String> roles = new HashSet<>(OrganizationMembership.ROLES);
        roles.add(UserRole.PROXY_ADMIN.wire());
        roles.add(UserRole.PROXY_ADMIN_VIEWER.wire());
        return Set.copyOf(roles);
    }
}
