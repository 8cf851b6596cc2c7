package io.switchboard.spendreport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.GatewayException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpendReportGroupsTest {
    private static final LocalDate MON = LocalDate.of(2026, 11, 23);
    private static final LocalDate TUE = LocalDate.of(2026, 11, 24);

    @Test
    void nestsDaysThenGroupsThenModelsWithExactTotals() {
        JsonNode report = SpendReportGroups.TEAM.nest(List.of(
                total(MON, "team-a", "gpt-4o", "0.000000100000", 10),
                total(MON, "team-a", "gpt-4o-mini", "0.000000200000", 20),
                total(MON, "team-b", "gpt-4o", "0.300000000000", 30),
                total(TUE, "team-a", "gpt-4o", "0.100000000001", 40)));
        assertEquals(2, report.size());
        JsonNode monday = report.get(0);
        assertEquals("2026-11-23", monday.get("group_by_day").asText());
        JsonNode teamA = monday.get("teams").get(0);
        assertEquals("team-a", teamA.get("team_name").asText());
        assertEquals(new BigDecimal("0.000000300000"), teamA.get("total_spend").decimalValue());
        assertEquals(2, teamA.get("metadata").size());
        assertEquals("gpt-4o-mini", teamA.get("metadata").get(1).get("model").asText());
        assertEquals(20, teamA.get("metadata").get(1).get("total_tokens").asLong());
        assertEquals(new BigDecimal("0.300000000000"), monday.get("teams").get(1).get("total_spend").decimalValue());
        assertEquals(new BigDecimal("0.100000000001"),
                report.get(1).get("teams").get(0).get("total_spend").decimalValue());
    }

    @Test
    void eachGroupingHasLiteLlmsFieldNamesAndCallsWithoutAGroupStayVisible() {
        JsonNode customers = SpendReportGroups.CUSTOMER.nest(List.of(total(TUE, null, "m", "1", 1),
                total(TUE, "alice", "m", "2", 2)));
        JsonNode list = customers.get(0).get("customers");
        assertTrue(list.get(0).get("customer").isNull(), "calls without a customer are reported, not dropped");
        assertEquals("alice", list.get(1).get("customer").asText());
        JsonNode keys = SpendReportGroups.API_KEY.nest(List.of(total(TUE, "key-1", "m", "2", 2)));
        assertEquals("key-1", keys.get(0).get("api_keys").get(0).get("api_key").asText());
    }

    @Test
    void groupByIsParsedAndOnlyKnownColumnsAreUsed() {
        assertEquals(SpendReportGroups.TEAM, SpendReportGroups.parse(null));
        assertEquals("end_user", SpendReportGroups.parse("customer").column);
        assertEquals("key_id", SpendReportGroups.parse("api_key").column);
        GatewayException e = assertThrows(GatewayException.class, () -> SpendReportGroups.parse("team_id; DROP TABLE x"));
        assertEquals("group_by", e.param());
    }

    private static SpendReportGroups.Total total(LocalDate day, String group, String model, String spend, long tokens) {
        return new SpendReportGroups.Total(day, group, model, new BigDecimal(spend), tokens);
    }
}
