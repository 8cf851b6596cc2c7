package io.switchboard.modelinfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class TokenCostTest {
    private static final ModelTable TABLE = ModelTable.bundled();

    @Test
    void chatTokensArePricedExactlyFromTheBundledTable() {
        // gpt-4o-mini: $0.15 / 1M input, $0.60 / 1M output
        BigDecimal cost = TokenCost.of(TABLE.lookup("openai", "gpt-4o-mini"), 1_000, 0, 500, 0);
        assertEquals(0, new BigDecimal("0.00045").compareTo(cost), cost.toPlainString());
    }

    @Test
    void cachedPromptTokensUseTheCacheReadPrice() {
        // gpt-4o-mini: cache read $0.075 / 1M; 1000 prompt tokens of which 800 cached
        BigDecimal cost = TokenCost.of(TABLE.lookup("openai", "gpt-4o-mini"), 1_000, 800, 0, 0);
        assertEquals(0, new BigDecimal("0.00009").compareTo(cost), cost.toPlainString()); // 200*1.5e-7 + 800*7.5e-8
    }

    @Test
    void reasoningTokensUseTheirOwnPriceWhenTheTableHasOne() {
        ModelFacts facts = new ModelFacts(null, null, new BigDecimal("0.000001"), new BigDecimal("0.000002"), "chat",
                null, new BigDecimal("0.000005"));
        BigDecimal cost = TokenCost.of(facts, 10, 0, 100, 40);
        assertEquals(0, new BigDecimal("0.00033").compareTo(cost), cost.toPlainString()); // 10e-6 + 60*2e-6 + 40*5e-6
        ModelFacts asOutput = new ModelFacts(null, null, new BigDecimal("0.000001"), new BigDecimal("0.000002"), "chat");
        assertEquals(0, new BigDecimal("0.00021").compareTo(TokenCost.of(asOutput, 10, 0, 100, 40)));
    }

    @Test
    void embeddingsCostTheirInputTokens() {
        BigDecimal cost = TokenCost.of(TABLE.lookup("openai", "text-embedding-3-small"), 1_000_000, 0, 0, 0);
        assertEquals(0, new BigDecimal("0.02").compareTo(cost));
    }

    @Test
    void perDeploymentOverridesWin() {
        ModelFacts facts = TABLE.lookup("openai", "gpt-4o-mini").overriddenBy(
                new ModelFacts(null, null, new BigDecimal("0.00001"), null, null));
        assertEquals(0, new BigDecimal("0.0106").compareTo(TokenCost.of(facts, 1_000, 0, 1_000, 0)));
    }

    @Test
    void anUnpricedModelHasNoCostRatherThanAFreeOne() {
        assertNull(TokenCost.of(ModelFacts.UNKNOWN, 10, 0, 10, 0));
        assertEquals(0, BigDecimal.ZERO.compareTo(TokenCost.of(ModelFacts.UNKNOWN, 0, 0, 0, 0)));
    }

    @Test
    void sumsOfManySmallCostsStayExact() {
        ModelFacts facts = TABLE.lookup("openai", "gpt-4o-mini");
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < 100_000; i++) {
            total = total.add(TokenCost.of(facts, 1, 0, 1, 0));
        }
        assertEquals(0, new BigDecimal("0.075").compareTo(total)); // 100000 * 7.5e-7
    }
}
