package io.switchboard.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.access.Caller;
import io.switchboard.governance.TeamMembership;
import io.switchboard.governance.UserAccount;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * LiteLLM's {@code Member} ({@code {user_id | user_email, role: admin | user}}) as {@code /team/new}'s
 * {@code members_with_roles} and {@code /team/member_add}'s {@code member} carry it, and the
 * membership rows it becomes. Members must be existing users: unlike LiteLLM, adding an unknown
 * user does not create one, because creating users (and choosing their role) is a proxy admin's job.
 */
record TeamMember(String userId, String userEmail, String role) {
    /** @param node one member object or a list of them */
    static List<TeamMember> parse(JsonNode node, String field) {
        List<TeamMember> members = new ArrayList<>();
        if (node == null || node.isNull()) {
            return members;
        }
        for (JsonNode m : node.isArray() ? node : List.of(node)) {
            if (!m.isObject()) {
                throw AdminErrors.invalid(field, field + " must hold {user_id, role} objects.");
            }
            String role = m.path("role").asText(TeamMembership.MEMBER);
            if (!role.equals(TeamMembership.ADMIN) && !role.equals(TeamMembership.MEMBER)) {
                throw AdminErrors.invalid(field, "A team member's role is 'admin' or 'user'.");
            }
            String userId = m.path("user_id").isTextual() ? m.get("user_id").asText() : null;
            String email = m.path("user_email").isTextual() ? m.get("user_email").asText() : null;
            if (userId == null && email == null) {
                throw AdminErrors.invalid(field, "A team member needs a user_id or user_email.");
            }
            members.add(new TeamMember(userId, email, role));
        }
        return members;
    }

    UserAccount findUser(EntityManager em, String field) {
        UserAccount user = userId != null ? em.find(UserAccount.class, userId) : em.createQuery(
                "select u from UserAccount u where u.userEmail = :email", UserAccount.class)
                .setParameter("email", userEmail).getResultStream().findFirst().orElse(null);
        if (user == null) {
            throw AdminErrors.notFound("user", field);
        }
        return user;
    }

    /** Adds the membership (already authorized) with its audit row; a second membership is the client's mistake. */
    TeamMembership addTo(EntityManager em, Caller caller, String teamId, String field) {
        UserAccount user = findUser(em, field);
        if (em.find(TeamMembership.class, new TeamMembership.Id(teamId, user.userId)) != null) {
            throw AdminErrors.invalid(field, "User '" + user.userId + "' is already a member of this team.");
        }
        TeamMembership row = new TeamMembership();
        row.teamId = teamId;
        row.userId = user.userId;
        row.role = role;
        row.createdAt = Instant.now();
        em.persist(row);
        AuditTrail.record(em, caller, "member_added", "sb_team_memberships", teamId + "/" + user.userId, null,
                AdminJson.tree(row));
        return row;
    }
}
