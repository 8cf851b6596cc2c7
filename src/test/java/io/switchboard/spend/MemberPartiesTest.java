package io.switchboard.spend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.switchboard.access.Caller;
import io.switchboard.access.KeyIdentity;
import io.switchboard.access.Limits;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A user's budget inside its team and its organization (LiteLLM's {@code max_budget_in_team} and
 * {@code max_budget_in_organization}) are parties of every call its keys make there: declared with the
 * member's limits, locked after the older kinds, reserved and settled by the ledger like the others.
 */
class MemberPartiesTest {
    private static final Limits TEAM_MEMBER_BUDGET = budget("0.0005");
    private static final Limits ORG_MEMBER_BUDGET = budget("0.002");

    @Test
    void aMembersKeyPaysAsTheMemberInsideItsTeamAndOrganizationLast() {
        Payer payer = CallAdmission.payerOf(Caller.of(key(TEAM_MEMBER_BUDGET, ORG_MEMBER_BUDGET)), "end-1", null,
                "gpt-4o-mini");
        List<Payer.Kind> order = payer.entities().stream().map(Payer.Entity::kind).toList();
        assertEquals(List.of(Payer.Kind.KEY, Payer.Kind.KEY_MODEL, Payer.Kind.TEAM, Payer.Kind.USER,
                Payer.Kind.ORGANIZATION, Payer.Kind.END_USER, Payer.Kind.TEAM_MEMBER, Payer.Kind.ORG_MEMBER), order);
        Payer.Entity inTeam = payer.entity(Payer.Kind.TEAM_MEMBER);
        assertEquals("team-1/user-1", inTeam.id());
        assertEquals("team_member:team-1/user-1", inTeam.scope());
        assertEquals(TEAM_MEMBER_BUDGET, payer.declared().get(inTeam));
        Payer.Entity inOrg = payer.entity(Payer.Kind.ORG_MEMBER);
        assertEquals("org-1/user-1", inOrg.id());
        assertEquals(ORG_MEMBER_BUDGET, payer.declared().get(inOrg));
    }

    @Test
    void aKeyWhoseUserIsNotAMemberHasNoMemberParty() {
        Payer payer = CallAdmission.payerOf(Caller.of(key(null, null)), null, null, "gpt-4o-mini");
        assertNull(payer.entity(Payer.Kind.TEAM_MEMBER));
        assertNull(payer.entity(Payer.Kind.ORG_MEMBER));
        assertFalse(payer.entities().isEmpty());
    }

    @Test
    void theLedgerHoldsAMembersBudgetAndSettlesItsSpend() throws Exception {
        Path dir = Files.createTempDirectory("ledger-members");
        Ledger ledger = new Ledger(TestDatabases.derby(dir.resolve("db").toString()));
        Payer.Entity member = new Payer.Entity(Payer.Kind.TEAM_MEMBER, "team-1/user-1");
        ledger.declare(member, TEAM_MEMBER_BUDGET);
        Account account = ledger.accounts(List.of(member)).get(member);
        assertEquals(0, new BigDecimal("0.0005").compareTo(account.maxBudget()));

        BigDecimal max = new BigDecimal("0.0003");
        assertNull(ledger.reserve(List.of(account), max, Instant.now()), "the first call fits the member's budget");
        assertEquals(member, ledger.reserve(List.of(account), max, Instant.now()),
                "a second reservation would pass $0.0005, so the member refuses it");
        BigDecimal cost = new BigDecimal("0.00012");
        ledger.settle(List.of(new SpendRecord("req-member-1", Map.of(member.scope(), max), "chat.completions",
                "gpt-4o-mini", "d", "openai", "gpt-4o-mini", 10, 10, 0, 0, cost, Instant.now(), null, Instant.now(),
                "SUCCESS", 200, false, false)));
        assertNull(ledger.reserve(List.of(account), max, Instant.now()),
                "settled to $0.00012, the member has room for another $0.0003");
    }

    private static Limits budget(String max) {
        return new Limits(new BigDecimal(max), null, null, null, null, null, Map.of(), Map.of(), Map.of());
    }

    private static KeyIdentity key(Limits inTeam, Limits inOrganization) {
        return new KeyIdentity("hash-1", "key-1", "sk-...abcd", null, "team-1", "user-1", "org-1", null, List.of(),
                List.of(), List.of(), List.of(), Map.of(), List.of(), List.of(), List.of(), false, false, null,
                Limits.NONE, Limits.NONE, Limits.NONE, Limits.NONE, List.of(), List.of(), inTeam, inOrganization);
    }
}
