package io.switchboard.guardrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.config.ConfigException;
import io.switchboard.guardrail.GuardrailCheck.Text;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The engine: config reading, selection by name, order of rewrites, unmasking, fail-open/closed, streams. */
class GuardrailRunTest {

    /** The engine over a fixed list of specs and the built-in beans (no CDI container needed). */
    static Guardrails engine(String yamlAsJson) throws Exception {
        List<GuardrailSpec> specs = GuardrailSpec.readAll(new ObjectMapper().readTree(yamlAsJson));
        Map<String, Guardrail> installed = Map.of("pii", new PiiGuardrail(), "hide-secrets", new SecretsGuardrail(),
                "litellm_content_filter", new ContentFilterGuardrail(), "broken", check -> {
                    throw new IllegalStateException("service down");
                });
        return new Guardrails() {
            @Override
            List<GuardrailSpec> specs() {
                return specs;
            }

            @Override
            Guardrail bean(String type) {
                return installed.get(type);
            }
        };
    }

    private static final String CONFIG = """
            [{"guardrail_name": "mask-pii", "litellm_params": {"guardrail": "pii", "mode": ["pre_call", "post_call"],
              "default_on": true, "output_parse_pii": true}},
             {"guardrail_name": "no-falcon", "litellm_params": {"guardrail": "litellm_content_filter", "mode": "post_call",
              "blocked_words": ["falcon"]}},
             {"guardrail_name": "open", "litellm_params": {"guardrail": "broken", "mode": "pre_call",
              "unreachable_fallback": "fail_open"}},
             {"guardrail_name": "closed", "litellm_params": {"guardrail": "broken", "mode": "pre_call"}}]
            """;

    @Test
    void defaultOnRunsAlwaysOthersOnlyWhenNamed() throws Exception {
        Guardrails engine = engine(CONFIG);
        assertTrue(engine.begin("t", Set.of()).has(Mode.PRE_CALL));
        assertTrue(!engine.begin("t", Set.of()).has(Mode.DURING_CALL));
        GatewayException unknown = assertThrows(GatewayException.class, () -> engine.begin("t", Set.of("nope")));
        assertEquals("guardrails", unknown.param());
    }

    @Test
    void maskedPromptIsUnmaskedInTheAnswer() throws Exception {
        GuardrailRun run = engine(CONFIG).begin("t", Set.of());
        List<String> sent = run.preCall(List.of(new Text("user", "write to ann@example.org")));
        assertEquals(List.of("write to <EMAIL_ADDRESS_1>"), sent);
        assertEquals(List.of("Sure, ann@example.org it is"),
                run.postCall(List.of(new Text("assistant", "Sure, <EMAIL_ADDRESS_1> it is"))));
    }

    @Test
    void postCallBlockIsAGuardrailViolation() throws Exception {
        GuardrailRun run = engine(CONFIG).begin("t", Set.of("no-falcon"));
        GatewayException e = assertThrows(GatewayException.class,
                () -> run.postCall(List.of(new Text("assistant", "the Falcon lands"))));
        assertEquals(ErrorKind.GUARDRAIL_VIOLATION, e.kind());
        assertEquals(400, e.kind().status());
        assertEquals("guardrail_violation", e.kind().type());
        assertTrue(e.getMessage().contains("no-falcon"), e.getMessage());
    }

    @Test
    void failingGuardrailFailsOpenOrClosedAsConfigured() throws Exception {
        Guardrails engine = engine(CONFIG);
        assertEquals(List.of("hi"), engine.begin("t", Set.of("open")).preCall(List.of(new Text("user", "hi"))));
        GatewayException closed = assertThrows(GatewayException.class,
                () -> engine.begin("t", Set.of("closed")).preCall(List.of(new Text("user", "hi"))));
        assertEquals(ErrorKind.UPSTREAM_UNAVAILABLE, closed.kind());
        assertTrue(!closed.getMessage().contains("service down"));
    }

    @Test
    void streamGuardHoldsBackSplitPlaceholdersAndBlocksBeforeTheOffendingPiece() throws Exception {
        GuardrailRun run = engine(CONFIG).begin("t", Set.of("no-falcon"));
        run.preCall(List.of(new Text("user", "mail bo@example.org")));
        StreamGuard guard = run.streamGuard();
        StringBuilder client = new StringBuilder();
        client.append(guard.accept(0, "Hello <EMAIL_"));
        client.append(guard.accept(0, "ADDRESS_1> and "));
        assertEquals("Hello bo@example.org and ", client.toString());
        assertThrows(GatewayException.class, () -> guard.accept(0, "a falcon"));
    }

    @Test
    void malformedEntriesStopStartUp() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThrows(ConfigException.class, () -> GuardrailSpec.readAll(json.readTree(
                "[{\"guardrail_name\":\"x\",\"litellm_params\":{\"guardrail\":\"pii\",\"mode\":\"pre_mcp_call\"}}]")));
        assertThrows(ConfigException.class, () -> GuardrailSpec.readAll(json.readTree(
                "[{\"guardrail_name\":\"x\",\"litellm_params\":{\"guardrail\":\"pii\"}}]")));
        assertThrows(ConfigException.class, () -> GuardrailSpec.readAll(json.readTree(
                "[{\"litellm_params\":{\"guardrail\":\"pii\",\"mode\":\"pre_call\"}}]")));
        assertThrows(ConfigException.class, () -> GuardrailSpec.readAll(json.readTree("""
                [{"guardrail_name":"x","litellm_params":{"guardrail":"pii","mode":"pre_call"}},
                 {"guardrail_name":"x","litellm_params":{"guardrail":"pii","mode":"post_call"}}]""")));
        GuardrailSpec spec = assertDoesNotThrowRead(json);
        assertEquals(Set.of(Mode.PRE_CALL, Mode.DURING_CALL), spec.modes());
    }

    private static GuardrailSpec assertDoesNotThrowRead(ObjectMapper json) throws Exception {
        return GuardrailSpec.readAll(json.readTree(
                "[{\"guardrail_name\":\"x\",\"litellm_params\":{\"guardrail\":\"pii\",\"mode\":[\"pre_call\",\"during_call\"]}}]"))
                .get(0);
    }
}
