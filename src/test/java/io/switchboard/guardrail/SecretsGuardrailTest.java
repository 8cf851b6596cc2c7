package io.switchboard.guardrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SecretsGuardrailTest {
    private final SecretsGuardrail secrets = new SecretsGuardrail();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "key AKIAIOSFODNN7EXAMPLE here|AWS_ACCESS_KEY",
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY|AWS_SECRET_KEY",
        "use sk-proj-abcdefghijklmnopqrstuvwxyz0123456789 now|OPENAI_KEY",
        "use sk-ant-api03-abcdefghijklmnopqrstuvwxyz012345 now|ANTHROPIC_KEY",
        "token ghp_abcdefghijklmnopqrstuvwxyz0123456789 ok|GITHUB_TOKEN",
        "slack xoxb-1234567890-abcdefghij ok|SLACK_TOKEN",
        "google AIzaSyA1234567890abcdefghijklmnopqrstuv ok|GOOGLE_API_KEY",
        "stripe sk_live_abcdefghijklmnop1234 ok|STRIPE_KEY",
        "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abcdefghijklmnop_123 ok|JWT",
        "Authorization: Bearer abcdefghijklmnopqrstuvwxyz123456|BEARER_TOKEN"})
    void masksEachKindOfSecret(String text, String kind) {
        Verdict v = secrets.check(Checks.prompt("{}", text));
        String masked = Checks.rewritten(v).get(0);
        assertTrue(masked.contains("[REDACTED_" + kind + "]"), masked);
    }

    @Test
    void privateKeyBlocksAreMaskedWhole() {
        String pem = "here:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7bq\nab+/==\n-----END RSA PRIVATE KEY-----\nthanks";
        assertEquals("here:\n[REDACTED_PRIVATE_KEY]\nthanks", Checks.rewritten(secrets.check(Checks.prompt("{}", pem))).get(0));
    }

    @Test
    void blockActionRefusesWithoutEchoingTheSecret() {
        Verdict v = secrets.check(Checks.prompt("{\"action\":\"BLOCK\"}", "AKIAIOSFODNN7EXAMPLE"));
        Verdict.Block b = assertInstanceOf(Verdict.Block.class, v);
        assertFalse(b.reason().contains("AKIA"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ask about sk-learn and task-based skills", "the AKIA prefix marks AWS keys",
        "eyJ alone is not a token", "bearer of bad news", "sk_live_short"})
    void ordinaryTextIsNotASecret(String text) {
        assertEquals(Verdict.ALLOW, secrets.check(Checks.prompt("{}", text)));
    }
}
