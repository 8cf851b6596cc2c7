package io.switchboard.guardrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MaxInputSizeGuardrailTest {
    private final MaxInputSizeGuardrail max = new MaxInputSizeGuardrail();

    @Test
    void countsAllTextsOfThePrompt() {
        assertEquals(Verdict.ALLOW, max.check(Checks.prompt("{\"max_input_chars\": 10}", "12345", "67890")));
        assertInstanceOf(Verdict.Block.class, max.check(Checks.prompt("{\"max_input_chars\": 10}", "12345", "678901")));
    }

    @Test
    void tokenLimitUsesTheFourCharacterEstimate() {
        assertEquals(Verdict.ALLOW, max.check(Checks.prompt("{\"max_input_tokens\": 2}", "12345678")));
        assertInstanceOf(Verdict.Block.class, max.check(Checks.prompt("{\"max_input_tokens\": 2}", "123456789")));
    }

    @Test
    void aLimitMustBeSet() {
        assertThrows(IllegalArgumentException.class, () -> max.validate(Checks.params("{}")));
    }
}
