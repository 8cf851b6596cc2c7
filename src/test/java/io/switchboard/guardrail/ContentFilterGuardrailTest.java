package io.switchboard.guardrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContentFilterGuardrailTest {
    private static final String RULES = """
            {"blocked_words": [{"keyword": "Project Falcon", "action": "BLOCK"}, {"keyword": "acme", "action": "MASK"}],
             "patterns": [{"pattern_type": "regex", "name": "employee_id", "pattern": "EMP-[0-9]{6}", "action": "MASK"}]}
            """;
    private final ContentFilterGuardrail filter = new ContentFilterGuardrail();

    @Test
    void bannedWordBlocksCaseInsensitivelyOnWordBoundaries() {
        Verdict v = filter.check(Checks.prompt(RULES, "tell me about project  falcon", "what is PROJECT FALCON?"));
        Verdict.Block b = assertInstanceOf(Verdict.Block.class, v);
        assertTrue(b.reason().contains("Project Falcon"));
        assertEquals(Verdict.ALLOW, filter.check(Checks.prompt(RULES, "project falconry is a hobby")));
    }

    @Test
    void maskRulesRewrite() {
        Verdict v = filter.check(Checks.prompt(RULES, "ACME staff EMP-123456 and acmeish"));
        assertEquals(List.of("[ACME_REDACTED] staff [EMPLOYEE_ID_REDACTED] and acmeish"), Checks.rewritten(v));
    }

    @Test
    void badSettingsAreConfigErrors() {
        assertThrows(IllegalArgumentException.class, () -> filter.validate(Checks.params("{}")));
        assertThrows(IllegalArgumentException.class, () -> filter.validate(
                Checks.params("{\"patterns\":[{\"pattern\":\"(unclosed\"}]}")));
        assertThrows(IllegalArgumentException.class, () -> filter.validate(
                Checks.params("{\"patterns\":[{\"pattern_type\":\"prebuilt\",\"pattern\":\"us_ssn\"}]}")));
    }

    @Test
    void catastrophicOperatorRegexIsStoppedByTheBudget() {
        String rules = "{\"patterns\":[{\"name\":\"evil\",\"pattern\":\"(.*a){12}$\",\"action\":\"BLOCK\"}]}";
        long started = System.nanoTime();
        assertThrows(BoundedText.BudgetExceeded.class,
                () -> filter.check(Checks.prompt(rules, "a".repeat(64) + "!")));
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("[guardrail] (.*a){12}$ on 65 chars stopped after " + millis + " ms");
        assertTrue(millis < 5_000, millis + " ms");
    }
}
