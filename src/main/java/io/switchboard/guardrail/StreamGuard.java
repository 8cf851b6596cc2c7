package io.switchboard.guardrail;

import io.switchboard.guardrail.GuardrailCheck.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Post-call guardrails on a stream. The answer's text accumulates per choice and is checked before
 * each piece goes to the client (every piece while the answer is short, then every few KiB, and
 * always at the end), so a block ends the stream before the offending piece is sent. Masked values
 * are restored piece by piece; a piece that ends inside a possible placeholder is held back until the
 * placeholder is complete.
 */
public final class StreamGuard {
    /** Up to this size the whole answer is re-checked before every piece. */
    static final int CHECK_EVERY_PIECE_UP_TO = 32 * 1024;
    static final int CHECK_INTERVAL_AFTER = 4 * 1024;
    /** The longest placeholder a mask produces ({@code <EMAIL_ADDRESS_123>} and the like). */
    static final int MAX_PLACEHOLDER = 48;

    private final GuardrailRun run;
    private final boolean checks;
    private final boolean restores;
    private final Map<Integer, StringBuilder> texts = new TreeMap<>();
    private final Map<Integer, StringBuilder> held = new TreeMap<>();
    private int checkedLength;

    StreamGuard(GuardrailRun run) {
        this.run = run;
        this.checks = run.has(Mode.POST_CALL);
        this.restores = !run.restoreMap().isEmpty();
    }

    /** Whether this stream needs any work at all. */
    public boolean active() {
        return checks || restores;
    }

    /**
     * Takes one piece of choice {@code index}'s text and returns what to send now (possibly empty, when
     * held back); throws the guardrail's violation if the answer so far is blocked.
     */
    public String accept(int index, String piece) {
        if (piece == null || piece.isEmpty()) {
            return piece;
        }
        texts.computeIfAbsent(index, i -> new StringBuilder()).append(piece);
        int total = texts.values().stream().mapToInt(StringBuilder::length).sum();
        if (checks && (total <= CHECK_EVERY_PIECE_UP_TO || total - checkedLength >= CHECK_INTERVAL_AFTER)) {
            check();
            checkedLength = total;
        }
        if (!restores) {
            return piece;
        }
        StringBuilder pending = held.computeIfAbsent(index, i -> new StringBuilder()).append(piece);
        int open = pending.lastIndexOf("<");
        int cut = open >= 0 && pending.indexOf(">", open) < 0 && pending.length() - open < MAX_PLACEHOLDER
                ? open : pending.length();
        String ready = pending.substring(0, cut);
        pending.delete(0, cut);
        return run.restore(ready);
    }

    /** The end of the stream: a last check of the whole answer, and any held-back text per choice. */
    public Map<Integer, String> finish() {
        if (checks) {
            check();
        }
        Map<Integer, String> rest = new TreeMap<>();
        held.forEach((index, pending) -> {
            if (pending.length() > 0) {
                rest.put(index, run.restore(pending.toString()));
            }
        });
        held.clear();
        return rest;
    }

    private void check() {
        List<Text> answer = new ArrayList<>();
        texts.values().forEach(t -> answer.add(new Text("assistant", t.toString())));
        run.postCallCheckOnly(answer);
    }
}
