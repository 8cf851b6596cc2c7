package io.switchboard.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.access.Caller;
import io.switchboard.governance.Team;
import io.switchboard.governance.TeamMembership;
import io.switchboard.governance.UserAccount;
import io.switchboard.governance.VirtualKey;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Teams and memberships as the team and user routes load and show them: a team the caller may not
 * read is reported exactly like a missing one, and a team is shown as LiteLLM shows it, with its
 * {@code members_with_roles}.
 */
final class TeamRecords {
    /** A team membership's roles; LiteLLM's default is {@code user}. */
    static final Set<String> MEMBER_ROLES = Set.of(TeamMembership.ADMIN, TeamMembership.MEMBER);

    private TeamRecords() {
    }

    static List<Member> parseMembers(JsonNode node, String field) {
        return Member.parse(node, field, MEMBER_ROLES, TeamMembership.MEMBER);
    }

    /**
     * Adds the membership (already authorized) with its audit row, creating the user when the member
     * names none that exists; a second membership is the client's mistake.
     */
    static TeamMembership addMember(EntityManager em, Caller caller, String teamId, Member member, String field) {
        return addMember(em, caller, teamId, member, field, null);
    }

    /** @param maxBudgetInTeam the member's own budget inside the team (LiteLLM's {@code max_budget_in_team}), or null */
    static TeamMembership addMember(EntityManager em, Caller caller, String teamId, Member member, String field,
            java.math.BigDecimal maxBudgetInTeam) {
        UserAccount user = member.findOrCreateUser(em, caller, field);
        if (em.find(TeamMembership.class, new TeamMembership.Id(teamId, user.userId)) != null) {
            throw AdminErrors.invalid(field, "User '" + user.userId + "' is already a member of this team.");
        }
        TeamMembership row = new TeamMembership();
        row.teamId = teamId;
        row.userId = user.userId;
        row.role = member.role();
        row.budgetId = MemberBudget.apply(em, caller, null, maxBudgetInTeam);
        row.createdAt = Instant.now();
        em.persist(row);
        AuditTrail.record(em, caller, "member_added", "sb_team_memberships", teamId + "/" + user.userId, null,
                AdminJson.tree(row));
        return row;
    }

    static Team readable(EntityManager em, Caller caller, String teamId) {
        Team team = em.find(Team.class, teamId);
        if (team == null || !TeamPolicy.mayRead(caller, teamId, isMember(em, caller, teamId))) {
            throw AdminErrors.notFound("team", "team_id");
        }
        return team;
    }

    static boolean isMember(EntityManager em, Caller caller, String teamId) {
        String user = caller.key() == null ? null : caller.key().userId();
        return user != null && em.find(TeamMembership.class, new TeamMembership.Id(teamId, user)) != null;
    }

    /** A membership as {@code /team/info} shows it, with its budget row and the member's settled spend. */
    static ObjectNode membershipView(EntityManager em, TeamMembership m) {
        return MemberBudget.view(em, AdminJson.tree(m), m.budgetId, "team_member", m.teamId + "/" + m.userId);
    }

    static List<TeamMembership> memberships(EntityManager em, String teamId) {
        return em.createQuery("select m from TeamMembership m where m.teamId = :team order by m.createdAt",
                TeamMembership.class).setParameter("team", teamId).getResultList();
    }

    /** The ids of the teams {@code userId} belongs to; none for a caller without a user. */
    static List<String> teamIdsOf(EntityManager em, String userId) {
        if (userId == null) {
            return List.of();
        }
        return em.createQuery("select m.teamId from TeamMembership m where m.userId = :user order by m.teamId",
                String.class).setParameter("user", userId).getResultList();
    }

    static List<VirtualKey> keysOfTeam(EntityManager em, String teamId) {
        return em.createQuery("select k from VirtualKey k where k.teamId = :team order by k.createdAt",
                VirtualKey.class).setParameter("team", teamId).getResultList();
    }

    /** The team row with {@code members_with_roles: [{user_id, user_email, role}]}. */
    static ObjectNode view(EntityManager em, Team team) {
        ObjectNode view = SettledSpend.shown(em, AdminJson.tree(team), "team", team.teamId);
        ArrayNode members = view.putArray("members_with_roles");
        for (TeamMembership m : memberships(em, team.teamId)) {
            UserAccount user = em.find(UserAccount.class, m.userId);
            members.addObject().put("user_id", m.userId).put("user_email", user == null ? null : user.userEmail)
                    .put("role", m.role);
        }
        return view;
    }
}
