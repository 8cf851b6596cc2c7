package io.switchboard.guardrail;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every built-in in-process check on 1 MB inputs built to make regular expressions backtrack or rules
 * rescan. The proof of bounded work is deterministic: the regex checks read through {@link BoundedText},
 * which throws once a check has read more than {@value BoundedText#STEPS_PER_CHAR} characters per input
 * character, so finishing without {@link BoundedText.BudgetExceeded} means linear work. The wall-clock
 * limit is only a coarse guard for this shared, loaded machine; the table shows the real times.
 */
class BoundedCpuTest {
    private static final int MB = 1 << 20;
    private static final long LIMIT_MS = 10_000;

    private static Map<String, String> adversarialInputs() {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("one letter", "a".repeat(MB));
        inputs.put("digits and spaces", "4 ".repeat(MB / 2));
        inputs.put("digits and dashes", "1-".repeat(MB / 2));
        inputs.put("almost emails", "a.".repeat(MB / 4) + "@" + "b-".repeat(MB / 4));
        inputs.put("at signs", "a@".repeat(MB / 2));
        inputs.put("dotted numbers", "1.".repeat(MB / 2));
        inputs.put("iban-like", "DE89 ".repeat(MB / 5));
        inputs.put("override verbs", "ignore previous ".repeat(MB / 16));
        inputs.put("key prefixes", "sk-".repeat(MB / 3));
        inputs.put("jwt prefixes", "eyJ.".repeat(MB / 4));
        inputs.put("pem headers", "-----BEGIN PRIVATE KEY-----".repeat(MB / 27));
        inputs.put("hex colons", "ab:".repeat(MB / 3));
        return inputs;
    }

    @Test
    void builtInChecksStayLinearOnAdversarialMegabytes() {
        Map<String, Guardrail> checks = Map.of("pii", new PiiGuardrail(), "hide-secrets", new SecretsGuardrail(),
                "prompt_injection", new PromptInjectionGuardrail(), "litellm_content_filter", new ContentFilterGuardrail());
        String filterRules = "{\"blocked_words\":[\"zzz\"],\"patterns\":[{\"pattern\":\"EMP-[0-9]{6}\",\"action\":\"MASK\"}]}";
        StringBuilder table = new StringBuilder("[guardrail] 1 MB adversarial inputs, ms per check\n");
        for (Map.Entry<String, String> input : adversarialInputs().entrySet()) {
            table.append(String.format("  %-18s", input.getKey()));
            for (String name : new String[] {"pii", "hide-secrets", "prompt_injection", "litellm_content_filter"}) {
                String params = name.equals("litellm_content_filter") ? filterRules : "{}";
                long ms = time(() -> checks.get(name).check(Checks.prompt(params, input.getValue())));
                table.append(String.format(" %s=%d", name, ms));
                assertTrue(ms < LIMIT_MS, name + " on " + input.getKey() + " took " + ms + " ms");
            }
            table.append('\n');
        }
        System.out.print(table);
    }

    private static long time(Supplier<Verdict> check) {
        long started = System.nanoTime();
        check.get();
        return (System.nanoTime() - started) / 1_000_000;
    }
}
