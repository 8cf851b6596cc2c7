package io.switchboard.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.access.Caller;
import io.switchboard.access.UserRole;
import io.switchboard.governance.UserAccount;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * LiteLLM's {@code Member} ({@code {user_id | user_email, role}}) as the team and organization routes
 * carry it: {@code /team/new}'s {@code members_with_roles}, {@code /team/member_add}'s and
 * {@code /organization/member_add}'s {@code member}. As in LiteLLM, a member that names no existing user
 * becomes a new {@code internal_user} (no budget, no models of its own, no key): adding someone to a
 * team or organization is how people are invited, and the new user holds nothing until a key is made
 * for it, inside the limits of the team or organization that key belongs to.
 */
record Member(String userId, String userEmail, String role) {
    /**
     * @param node        one member object or a list of them
     * @param roles       the roles this route takes
     * @param defaultRole the role of a member that names none, or null when the role is required
     */
    static List<Member> parse(JsonNode node, String field, Set<String> roles, String defaultRole) {
        List<Member> members = new ArrayList<>();
        if (node == null || node.isNull()) {
            return members;
        }
        for (JsonNode m : node.isArray() ? node : List.of(node)) {
            if (!m.isObject()) {
                throw AdminErrors.invalid(field, field + " must hold {user_id, role} objects.");
            }
            String role = m.path("role").isTextual() ? m.get("role").asText() : defaultRole;
            if (role == null || !roles.contains(role)) {
                throw AdminErrors.invalid(field, "A member's role is one of " + roles.stream().sorted().toList() + ".");
            }
            String userId = m.path("user_id").isTextual() ? m.get("user_id").asText() : null;
            String email = m.path("user_email").isTextual() ? m.get("user_email").asText() : null;
            if (userId == null && email == null) {
                throw AdminErrors.invalid(field, "A member needs a user_id or user_email.");
            }
            members.add(new Member(userId, email, role));
        }
        return members;
    }

    /** The existing user this member names: by id when it has one, else by email; 404 when none. */
    UserAccount findUser(EntityManager em, String field) {
        UserAccount user = existingUser(em, field);
        if (user == null) {
            throw AdminErrors.notFound("user", field);
        }
        return user;
    }

    /** The user this member names, created (and audited) as a plain {@code internal_user} when it does not exist. */
    UserAccount findOrCreateUser(EntityManager em, Caller caller, String field) {
        UserAccount existing = existingUser(em, field);
        if (existing != null) {
            return existing;
        }
        UserAccount user = new UserAccount();
        user.userId = userId != null ? userId : UUID.randomUUID().toString();
        user.userEmail = userEmail;
        user.userRole = UserRole.INTERNAL_USER.wire();
        user.touch(caller.label(), Instant.now());
        em.persist(user);
        em.flush(); // the membership that follows references the row
        AuditTrail.record(em, caller, "created", "sb_users", user.userId, null, AdminJson.tree(user));
        return user;
    }

    /** LiteLLM looks a member up by id first and falls back to the email when the id is unknown. */
    private UserAccount existingUser(EntityManager em, String field) {
        UserAccount byId = userId == null ? null : em.find(UserAccount.class, userId);
        if (byId != null || userEmail == null) {
            return byId;
        }
        List<UserAccount> byEmail = em.createQuery("select u from UserAccount u where u.userEmail = :email",
                UserAccount.class).setParameter("email", userEmail).setMaxResults(2).getResultList();
        if (byEmail.size() > 1) {
            throw AdminErrors.invalid(field, "Several users have this user_email; name the user_id instead.");
        }
        return byEmail.isEmpty() ? null : byEmail.get(0);
    }
}
