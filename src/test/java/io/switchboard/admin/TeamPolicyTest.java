package io.switchboard.admin;

import static io.switchboard.admin.KeyPolicyTest.assertDenied;
import static io.switchboard.admin.KeyPolicyTest.caller;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.access.Caller;
import io.switchboard.access.UserRole;
import io.switchboard.governance.Team;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TeamPolicyTest {
    final Caller teamAdmin = caller(UserRole.INTERNAL_USER, "ta", null, List.of("t1"), List.of(), null, List.of());
    final Caller member = caller(UserRole.INTERNAL_USER, "m", null, List.of(), List.of(), null, List.of());
    final Caller viewer = caller(UserRole.PROXY_ADMIN_VIEWER, "v", null, List.of(), List.of(), null, List.of());
    final Caller admin = caller(UserRole.PROXY_ADMIN, "a", null, List.of(), List.of(), null, List.of());

    static Team team(List<String> models, String budget, Long rpm) {
        Team t = new Team();
        t.teamId = "t1";
        t.models = models;
        t.maxBudget = budget == null ? null : new BigDecimal(budget);
        t.rpmLimit = rpm;
        return t;
    }

    @Test
    void readersAreMembersAdminsTeamKeysAndProxyReaders() {
        assertTrue(TeamPolicy.mayRead(member, "t1", true));
        assertFalse(TeamPolicy.mayRead(member, "t1", false), "not a member: another team's object");
        assertTrue(TeamPolicy.mayRead(teamAdmin, "t1", false));
        assertFalse(TeamPolicy.mayRead(teamAdmin, "t2", false));
        assertTrue(TeamPolicy.mayRead(viewer, "t2", false));
        Caller teamKey = caller(null, null, "t3", List.of(), List.of(), null, List.of());
        assertTrue(TeamPolicy.mayRead(teamKey, "t3", false));
        assertFalse(TeamPolicy.mayRead(teamKey, "t1", false));
    }

    @Test
    void onlyProxyAdminsCreateAndDelete() {
        for (Caller c : List.of(teamAdmin, member, viewer)) {
            assertDenied(() -> TeamPolicy.requireCreate(c));
            assertDenied(() -> TeamPolicy.requireDelete(c));
        }
        for (Caller c : List.of(admin, Caller.MASTER)) {
            TeamPolicy.requireCreate(c);
            TeamPolicy.requireDelete(c);
        }
    }

    @Test
    void teamAdminManagesOnlyItsOwnTeam() {
        TeamPolicy.requireManage(teamAdmin, "t1");
        assertDenied(() -> TeamPolicy.requireManage(teamAdmin, "t2"));
        assertDenied(() -> TeamPolicy.requireManage(member, "t1"));
        assertDenied(() -> TeamPolicy.requireManage(viewer, "t1"));
        TeamPolicy.requireManage(admin, "t2");
    }

    @Test
    void teamAdminMayNarrowButNeverWiden() {
        Team held = team(List.of("gpt-4o-mini", "openai/*"), "10", 100L);
        TeamPolicy.requireWithinHeld(teamAdmin, Set.of("models", "max_budget", "rpm_limit"), held,
                team(List.of("openai/gpt-4o"), "5", 50L));
        assertDenied(() -> TeamPolicy.requireWithinHeld(teamAdmin, Set.of("max_budget"), held,
                team(held.models, "10.01", 100L)));
        assertDenied(() -> TeamPolicy.requireWithinHeld(teamAdmin, Set.of("max_budget"), held,
                team(held.models, null, 100L))); // clearing a budget raises it to unlimited
        assertDenied(() -> TeamPolicy.requireWithinHeld(teamAdmin, Set.of("rpm_limit"), held,
                team(held.models, "10", 101L)));
        assertDenied(() -> TeamPolicy.requireWithinHeld(teamAdmin, Set.of("models"), held,
                team(List.of("*"), "10", 100L)));
        assertDenied(() -> TeamPolicy.requireWithinHeld(teamAdmin, Set.of("models"), held,
                team(List.of(), "10", 100L))); // an empty list means every model
        assertDenied(() -> TeamPolicy.requireWithinHeld(teamAdmin, Set.of("models"), held,
                team(List.of("anthropic/claude"), "10", 100L)));
    }

    @Test
    void teamAdminMayBlockButNotUnblockNorTouchAdminFields() {
        Team held = team(List.of(), null, null);
        Team blocked = team(List.of(), null, null);
        blocked.blocked = true;
        TeamPolicy.requireWithinHeld(teamAdmin, Set.of("blocked"), held, blocked);
        assertDenied(() -> TeamPolicy.requireWithinHeld(teamAdmin, Set.of("blocked"), blocked, held));
        for (String field : List.of("organization_id", "budget_duration", "model_max_budget", "model_rpm_limit")) {
            assertDenied(() -> TeamPolicy.requireWithinHeld(teamAdmin, Set.of(field), held, held));
        }
    }

    @Test
    void proxyAdminMayRaiseAnything() {
        Team held = team(List.of("gpt-4o-mini"), "1", 1L);
        Team raised = team(List.of("*"), null, null);
        raised.organizationId = "o1";
        TeamPolicy.requireWithinHeld(admin, Set.of("models", "max_budget", "rpm_limit", "organization_id"), held, raised);
        TeamPolicy.requireWithinHeld(Caller.MASTER, Set.of("models"), held, raised);
    }

    @Test
    void onlyAProxyAdminChangesATeamsGuardrails() {
        Team before = team(List.of(), null, null);
        before.metadata = java.util.Map.of("guardrails", List.of("secrets"), "tags", List.of("a"));
        Team cleared = team(List.of(), null, null);
        cleared.metadata = java.util.Map.of("tags", List.of("b"));
        assertDenied(() -> TeamPolicy.requireWithinHeld(teamAdmin, Set.of("metadata"), before, cleared));
        TeamPolicy.requireWithinHeld(admin, Set.of("metadata"), before, cleared);
        Team sameGuardrails = team(List.of(), null, null);
        sameGuardrails.metadata = java.util.Map.of("guardrails", List.of("secrets"), "tags", List.of("b"));
        TeamPolicy.requireWithinHeld(teamAdmin, Set.of("metadata"), before, sameGuardrails);
        assertDenied(() -> TeamPolicy.requireWithinHeld(teamAdmin, Set.of("guardrails"), before, sameGuardrails));
    }
}
