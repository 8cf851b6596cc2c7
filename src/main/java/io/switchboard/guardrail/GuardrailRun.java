package io.switchboard.guardrail;

import io.switchboard.GatewayException;
import io.switchboard.guardrail.GuardrailCheck.Phase;
import io.switchboard.guardrail.GuardrailCheck.Text;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The guardrails of one call and what they learned on the way: the placeholders a pre-call mask put
 * in the prompt, so a post-call step can restore them in the answer ({@code output_parse_pii}).
 * Every method throws {@link GatewayException} ({@code guardrail_violation}) when a guardrail blocks.
 */
public final class GuardrailRun {
    private final Guardrails engine;
    private final String caller;
    private final List<GuardrailSpec> chosen;
    private final Map<String, String> restore = new LinkedHashMap<>();

    GuardrailRun(Guardrails engine, String caller, List<GuardrailSpec> chosen) {
        this.engine = engine;
        this.caller = caller;
        this.chosen = List.copyOf(chosen);
    }

    public boolean isEmpty() {
        return chosen.isEmpty();
    }

    public boolean has(Mode mode) {
        return chosen.stream().anyMatch(s -> s.runs(mode));
    }

    /** Whether an answer needs a post-call pass: a post-call guardrail, or masked values to restore. */
    public boolean checksAnswers() {
        return has(Mode.POST_CALL) || !restore.isEmpty();
    }

    /** Runs the pre-call guardrails in config order; each sees the texts as the one before left them. */
    public List<String> preCall(List<Text> texts) {
        List<Text> current = new ArrayList<>(texts);
        for (GuardrailSpec spec : chosen) {
            if (spec.runs(Mode.PRE_CALL)) {
                Verdict verdict = run(spec, Mode.PRE_CALL, Phase.PRE_CALL, current);
                if (verdict instanceof Verdict.Rewrite rewrite) {
                    current = withTexts(current, rewrite.texts());
                    synchronized (restore) {
                        restore.putAll(rewrite.restore());
                    }
                }
            }
        }
        return current.stream().map(Text::text).toList();
    }

    /**
     * Runs the during-call guardrails (on the prompt as sent). They cannot change it, as it is already
     * on its way: a rewrite verdict counts as allow; a block throws.
     */
    public void duringCall(List<Text> texts) {
        for (GuardrailSpec spec : chosen) {
            if (spec.runs(Mode.DURING_CALL)) {
                run(spec, Mode.DURING_CALL, Phase.PRE_CALL, texts);
            }
        }
    }

    /** Runs the post-call guardrails on an answer's texts, then restores masked values if configured. */
    public List<String> postCall(List<Text> texts) {
        List<Text> current = new ArrayList<>(texts);
        for (GuardrailSpec spec : chosen) {
            if (spec.runs(Mode.POST_CALL)) {
                Verdict verdict = run(spec, Mode.POST_CALL, Phase.POST_CALL, current);
                if (verdict instanceof Verdict.Rewrite rewrite) {
                    current = withTexts(current, rewrite.texts());
                }
            }
        }
        return current.stream().map(t -> restore(t.text())).toList();
    }

    /** Checks a streamed answer's text so far; its rewrites cannot apply to what has been sent. */
    void postCallCheckOnly(List<Text> texts) {
        for (GuardrailSpec spec : chosen) {
            if (spec.runs(Mode.POST_CALL)) {
                run(spec, Mode.POST_CALL, Phase.POST_CALL, texts);
            }
        }
    }

    /** A checker for one streamed answer. */
    public StreamGuard streamGuard() {
        return new StreamGuard(this);
    }

    /** Puts masked values back (placeholders are unique per call, so order does not matter). */
    public String restore(String text) {
        if (text == null || restore.isEmpty()) {
            return text;
        }
        String result = text;
        synchronized (restore) {
            for (Map.Entry<String, String> e : restore.entrySet()) {
                result = result.replace(e.getKey(), e.getValue());
            }
        }
        return result;
    }

    Map<String, String> restoreMap() {
        synchronized (restore) {
            return Map.copyOf(restore);
        }
    }

    private Verdict run(GuardrailSpec spec, Mode mode, Phase phase, List<Text> texts) {
        Verdict verdict;
        try {
            verdict = engine.bean(spec.type()).check(new GuardrailCheck(spec.name(), phase, texts, spec.params()));
        } catch (GatewayException e) {
            throw e;
        } catch (RuntimeException failure) {
            if (!"fail_open".equals(spec.params().path("unreachable_fallback").asText("fail_closed"))) {
                throw Guardrails.unavailable(spec, mode, caller, failure);
            }
            Guardrails.failedOpen(spec, mode, caller, failure);
            return Verdict.ALLOW;
        }
        if (verdict instanceof Verdict.Block block) {
            throw Guardrails.violation(spec, mode, caller, block.reason());
        }
        if (verdict instanceof Verdict.Rewrite rewrite && rewrite.texts().size() != texts.size()) {
            throw Guardrails.unavailable(spec, mode, caller, new IllegalStateException("rewrite changed text count"));
        }
        return verdict;
    }

    private static List<Text> withTexts(List<Text> texts, List<String> replaced) {
        List<Text> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            out.add(new Text(texts.get(i).role(), replaced.get(i)));
        }
        return out;
    }
}
