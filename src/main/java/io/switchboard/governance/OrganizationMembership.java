package io.switchboard.governance;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A user's membership of an organization (LiteLLM's {@code LiteLLM_OrganizationMembership}), with its
 * role there: {@code org_admin} manages the organization's members and creates teams in it,
 * {@code internal_user} and {@code internal_user_viewer} are members. The user's proxy-wide role
 * ({@link UserAccount#userRole}) is separate and never raised by an organization role.
 */
@Entity
@Table(name = "sb_organization_members")
@IdClass(OrganizationMembership.Id.class)
public class OrganizationMembership {
    public static final String ORG_ADMIN = "org_admin";
    public static final Set<String> ROLES = Set.of(ORG_ADMIN, "internal_user", "internal_user_viewer");

    @jakarta.persistence.Id
    @Column(name = "organization_id")
    public String organizationId;
    @jakarta.persistence.Id
    @Column(name = "user_id")
    public String userId;
    @Column(name = "user_role", nullable = false)
    public String userRole;
    /** The member's own budget row inside the organization (LiteLLM's {@code max_budget_in_organization}). */
    @Column(name = "budget_id")
    public String budgetId;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The composite key. */
    public static class Id implements Serializable {
        private static final long serialVersionUID = 1L;
        public String organizationId;
        public String userId;

        public Id() {
        }

        public Id(String organizationId, String userId) {
            this.organizationId = organizationId;
            this.userId = userId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Id other && Objects.equals(organizationId, other.organizationId)
                    && Objects.equals(userId, other.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(organizationId, userId);
        }
    }
}
