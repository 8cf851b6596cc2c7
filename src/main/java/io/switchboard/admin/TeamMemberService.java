package io.switchboard.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.access.Caller;
import io.switchboard.access.KeyDirectory;
import io.switchboard.governance.Database;
import io.switchboard.governance.Team;
import io.switchboard.governance.TeamMembership;
import io.switchboard.governance.UserAccount;
import io.switchboard.governance.VirtualKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * LiteLLM's {@code /team/member_add}, {@code /team/member_update} and {@code /team/member_delete}, for a
 * proxy admin or an admin of the team ({@link TeamPolicy#requireManage}); a member's {@code max_budget_in_team}
 * is its own budget row ({@link MemberBudget}). A member naming no existing user creates one, as LiteLLM
 * does ({@link Member#findOrCreateUser}). Team-admin rights are part of every cached key identity, so
 * each change empties the {@link KeyDirectory}: a removed admin loses its rights at once.
 */
@ApplicationScoped
public class TeamMemberService {
    /** LiteLLM's name for a member's own budget inside the team. */
    static final String MAX_BUDGET_IN_TEAM = "max_budget_in_team";

    @Inject
    Database database;

    @Inject
    KeyDirectory directory;

    @Inject
    KeyService keys;

    /** Answers the team with LiteLLM's {@code updated_users} and {@code updated_team_memberships}. */
    public ObjectNode add(Caller caller, ObjectNode body) {
        AdminJson.requireOnly(body, Set.of("team_id", "member", MAX_BUDGET_IN_TEAM));
        String teamId = AdminJson.requiredText(body, "team_id");
        BigDecimal maxBudgetInTeam = MemberBudget.amount(body, MAX_BUDGET_IN_TEAM);
        List<Member> members = TeamRecords.parseMembers(body.get("member"), "member");
        if (members.isEmpty()) {
            throw AdminErrors.invalid("member", "'member' must name at least one {user_id, role}.");
        }
        ObjectNode answer = database.inTransaction(em -> {
            Team team = TeamRecords.readable(em, caller, teamId);
            TeamPolicy.requireManage(caller, teamId);
            ArrayNode users = AdminJson.MAPPER.createArrayNode();
            ArrayNode rows = AdminJson.MAPPER.createArrayNode();
            for (Member member : members) {
                TeamMembership row = TeamRecords.addMember(em, caller, teamId, member, "member",
                        maxBudgetInTeam);
                rows.add(TeamRecords.membershipView(em, row));
                users.add(AdminJson.tree(em.find(UserAccount.class, row.userId)));
            }
            ObjectNode view = TeamRecords.view(em, team);
            view.set("updated_users", users);
            view.set("updated_team_memberships", rows);
            return view;
        });
        directory.forgetAll();
        return answer;
    }

    /**
     * LiteLLM's {@code /team/member_update}: a member's {@code role} and its {@code max_budget_in_team}, for
     * whoever may manage the team. Answers LiteLLM's {@code {team_id, user_id, user_email, max_budget_in_team}}.
     */
    public ObjectNode update(Caller caller, ObjectNode body) {
        AdminJson.requireOnly(body, Set.of("team_id", "user_id", "user_email", "role", MAX_BUDGET_IN_TEAM));
        String teamId = AdminJson.requiredText(body, "team_id");
        boolean budgetNamed = MemberBudget.named(body, MAX_BUDGET_IN_TEAM);
        BigDecimal maxBudgetInTeam = MemberBudget.amount(body, MAX_BUDGET_IN_TEAM);
        String role = body.hasNonNull("role") ? AdminJson.requiredText(body, "role") : null;
        if (role != null && !TeamRecords.MEMBER_ROLES.contains(role)) {
            throw AdminErrors.invalid("role", "A team member's role is one of "
                    + TeamRecords.MEMBER_ROLES.stream().sorted().toList() + ".");
        }
        if (role == null && !budgetNamed) {
            throw AdminErrors.invalid("role", "Name what changes: role or max_budget_in_team.");
        }
        Member named = TeamRecords.parseMembers(body.deepCopy().put("role", TeamMembership.MEMBER), "user_id").get(0);
        ObjectNode answer = database.inTransaction(em -> {
            TeamRecords.readable(em, caller, teamId);
            TeamPolicy.requireManage(caller, teamId);
            UserAccount user = named.findUser(em, "user_id");
            TeamMembership row = em.find(TeamMembership.class, new TeamMembership.Id(teamId, user.userId));
            if (row == null) {
                throw AdminErrors.notFound("team member", "user_id");
            }
            ObjectNode before = AdminJson.tree(row);
            if (role != null) {
                row.role = role;
            }
            if (budgetNamed) {
                row.budgetId = MemberBudget.apply(em, caller, row.budgetId, maxBudgetInTeam);
            }
            AuditTrail.record(em, caller, "member_updated", "sb_team_memberships", teamId + "/" + user.userId,
                    before, AdminJson.tree(row));
            ObjectNode updated = AdminJson.MAPPER.createObjectNode().put("team_id", teamId).put("user_id", user.userId)
                    .put("user_email", user.userEmail);
            updated.put(MAX_BUDGET_IN_TEAM, MemberBudget.maxBudget(em, row.budgetId));
            return updated;
        });
        directory.forgetAll(); // the member's limits and admin rights are part of every cached key identity
        return answer;
    }

    /**
     * Removes a member and, as LiteLLM does, the member's keys in this team: they would otherwise keep
     * spending the team's budget for someone no longer in it.
     */
    public ObjectNode delete(Caller caller, ObjectNode body) {
        AdminJson.requireOnly(body, Set.of("team_id", "user_id", "user_email"));
        String teamId = AdminJson.requiredText(body, "team_id");
        Member named = TeamRecords.parseMembers(body.deepCopy().put("role", TeamMembership.MEMBER), "user_id").get(0);
        ObjectNode answer = database.inTransaction(em -> {
            Team team = TeamRecords.readable(em, caller, teamId);
            TeamPolicy.requireManage(caller, teamId);
            UserAccount user = named.findUser(em, "user_id");
            TeamMembership row = em.find(TeamMembership.class, new TeamMembership.Id(teamId, user.userId));
            if (row == null) {
                throw AdminErrors.notFound("team member", "user_id");
            }
            List<VirtualKey> memberKeys = em.createQuery("select k from VirtualKey k where k.teamId = :team"
                    + " and k.userId = :user", VirtualKey.class).setParameter("team", teamId)
                    .setParameter("user", user.userId).getResultList();
            for (VirtualKey key : memberKeys) {
                keys.remove(em, caller, key);
            }
            AuditTrail.record(em, caller, "member_deleted", "sb_team_memberships", teamId + "/" + user.userId,
                    AdminJson.tree(row), null);
            em.remove(row);
            em.flush();
            return TeamRecords.view(em, team);
        });
        directory.forgetAll();
        return answer;
    }
}
