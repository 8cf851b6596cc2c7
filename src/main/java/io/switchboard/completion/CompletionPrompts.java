package io.switchboard.completion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.access.Caller;
import io.switchboard.chat.ChatGuardrails;
import io.switchboard.chat.GuardedCall;
import io.switchboard.guardrail.GuardrailCheck.Text;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A legacy completion's prompt as guardrails see it: one user text per prompt string (token-array
 * prompts carry no text to check). Rewrites go back into both the typed prompt and the body sent upstream.
 */
final class CompletionPrompts {
    private CompletionPrompts() {
    }

    static GuardedCall<CompletionRequest> guard(ChatGuardrails guardrails, Caller caller, CompletionRequest r) {
        Set<String> requested = ChatGuardrails.requested(r.body(), r.body().get("metadata"));
        boolean hasField = r.body().has("guardrails") || r.body().path("metadata").has("guardrails");
        if (requested.isEmpty() && !hasField && !guardrails.configured()) {
            return guardrails.unguarded(r);
        }
        ObjectNode body = r.body().deepCopy();
        ChatGuardrails.removeField(body);
        CompletionRequest stripped = new CompletionRequest(r.model(), r.prompt(), r.stream(), r.includeUsage(), body);
        return guardrails.preCall(caller, requested, texts(stripped), texts -> withTexts(stripped, texts));
    }

    static List<Text> texts(CompletionRequest r) {
        List<Text> texts = new ArrayList<>();
        if (r.prompt().isTextual()) {
            texts.add(new Text("user", r.prompt().textValue()));
        } else if (r.prompt().isArray()) {
            for (JsonNode p : r.prompt()) {
                if (p.isTextual()) {
                    texts.add(new Text("user", p.textValue()));
                }
            }
        }
        return texts;
    }

    static CompletionRequest withTexts(CompletionRequest r, List<String> texts) {
        if (texts.equals(texts(r).stream().map(Text::text).toList())) {
            return r;
        }
        Iterator<String> next = texts.iterator();
        JsonNode prompt;
        if (r.prompt().isTextual()) {
            prompt = r.body().textNode(next.next());
        } else {
            ArrayNode array = r.body().arrayNode();
            for (JsonNode p : r.prompt()) {
                array.add(p.isTextual() ? r.body().textNode(next.next()) : p);
            }
            prompt = array;
        }
        ObjectNode body = r.body().deepCopy();
        body.set("prompt", prompt);
        return new CompletionRequest(r.model(), prompt, r.stream(), r.includeUsage(), body);
    }
}
