package io.switchboard.guardrail;

import java.util.List;
import java.util.Map;

/** What a guardrail decided: let the texts through, refuse the call, or replace the texts. */
public sealed interface Verdict {
    Verdict ALLOW = new Allow();

    record Allow() implements Verdict {
    }

    /** @param reason for the client and the log: names what was found, never the finding itself */
    record Block(String reason) implements Verdict {
    }

    /**
     * @param texts   the replacement for each text checked, same count and order
     * @param restore placeholder → original, for putting masked values back into the answer
     *                ({@code output_parse_pii}); empty when nothing is to be restored
     */
    record Rewrite(List<String> texts, Map<String, String> restore) implements Verdict {
        public Rewrite {
            texts = List.copyOf(texts);
            restore = Map.copyOf(restore);
        }
    }

    static Verdict block(String reason) {
        return new Block(reason);
    }
}
