package io.switchboard.access;

import io.switchboard.governance.Budget;
import io.switchboard.governance.OrganizationMembership;
import io.switchboard.governance.TeamMembership;
import jakarta.persistence.EntityManager;

/**
 * A user's own limits inside a team or an organization: the budget row its membership links
 * (LiteLLM's {@code max_budget_in_team}, {@code max_budget_in_organization}). Loaded with the key
 * identity, so the request path pays nothing for them. A member without a budget row still gets
 * {@link Limits#NONE}, so its spend inside the team is counted from its first call and a budget set
 * later is held against what it has really spent.
 */
final class MemberLimits {
    private MemberLimits() {
    }

    /** @return the member's limits, or null when the key has no team or user, or the user is not a member */
    static Limits inTeam(EntityManager em, String teamId, String userId) {
        if (teamId == null || userId == null) {
            return null;
        }
        TeamMembership row = em.find(TeamMembership.class, new TeamMembership.Id(teamId, userId));
        return row == null ? null : of(em, row.budgetId);
    }

    /** @return the member's limits, or null when the key has no organization or user, or the user is not a member */
    static Limits inOrganization(EntityManager em, String organizationId, String userId) {
        if (organizationId == null || userId == null) {
            return null;
        }
        OrganizationMembership row = em.find(OrganizationMembership.class,
                new OrganizationMembership.Id(organizationId, userId));
        return row == null ? null : of(em, row.budgetId);
    }

    private static Limits of(EntityManager em, String budgetId) {
        Budget budget = budgetId == null ? null : em.find(Budget.class, budgetId);
        return budget == null ? Limits.NONE : EndUserDirectory.limits(budget);
    }
}
