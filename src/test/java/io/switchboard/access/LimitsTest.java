package io.switchboard.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LimitsTest {
    private static final Limits TIER = new Limits(new BigDecimal("10"), new BigDecimal("8"), 1000L, 20L, 4, "30d",
            Map.of("gpt-4o", 5, "o1", 2), Map.of(), Map.of());

    @Test
    void aBudgetRowFillsWhatTheEntityLeavesUnset() {
        assertEquals(TIER, Limits.NONE.within(TIER));
    }

    @Test
    void theStricterOfEachLimitHolds() {
        Limits own = new Limits(new BigDecimal("12"), new BigDecimal("3"), 5000L, 10L, null, "1d",
                Map.of("gpt-4o", 1), Map.of("gpt-4o", 7), Map.of());
        Limits held = own.within(TIER);
        assertEquals(new BigDecimal("10"), held.maxBudget());
        assertEquals(new BigDecimal("3"), held.softBudget());
        assertEquals(1000L, held.tpmLimit());
        assertEquals(10L, held.rpmLimit());
        assertEquals(4, held.maxParallelRequests());
        assertEquals("1d", held.budgetDuration(), "the entity's own reset period wins");
        assertEquals(Map.of("gpt-4o", 1, "o1", 2), held.modelMaxBudget());
        assertEquals(Map.of("gpt-4o", 7), held.modelRpmLimit());
    }

    @Test
    void anEmptyRowChangesNothing() {
        Limits own = new Limits(BigDecimal.ONE, null, null, 3L, null, null, Map.of(), Map.of(), Map.of());
        assertEquals(own, own.within(Limits.NONE));
    }
}
