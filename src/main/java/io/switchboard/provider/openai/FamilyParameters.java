package io.switchboard.provider.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.GatewayException;
import io.switchboard.chat.ChatMessage;
import io.switchboard.chat.ChatRequest;
import io.switchboard.provider.Deployment;
import java.util.ArrayList;
import java.util.List;

/**
 * What members of the OpenAI-compatible family document they refuse, decided before the call instead of
 * failing upstream: with {@code drop_params} the parameter is left out, otherwise the client gets a 400 that
 * names it, as for every other provider. Only documented refusals are listed; a provider that silently
 * ignores a parameter (DeepSeek's reasoner and {@code temperature}) is not second-guessed.
 * <ul>
 *   <li>Groq: {@code logprobs}, {@code top_logprobs}, {@code logit_bias}, {@code messages[].name}, and
 *       {@code n} other than 1 (console.groq.com/docs/openai, "will result in a 400 error").</li>
 *   <li>DeepSeek's reasoner: {@code logprobs} and {@code top_logprobs} ("Rejected with an error").</li>
 * </ul>
 */
final class FamilyParameters {
    private FamilyParameters() {
    }

    /** The request as this deployment's provider takes it, or a 400 naming what it refuses. */
    static ChatRequest fit(ChatRequest r, Deployment deployment) {
        return switch (deployment.provider()) {
            case "groq" -> groq(r, deployment.dropParams());
            case "deepseek" -> deployment.upstreamModel().contains("reasoner")
                    ? withoutLogprobs(r, deployment.dropParams()) : r;
            default -> r;
        };
    }

    private static ChatRequest groq(ChatRequest r, boolean drop) {
        ChatRequest fitted = withoutLogprobs(r, drop);
        if (fitted.extra() != null && fitted.extra().has("logit_bias")) {
            refuse(drop, "logit_bias");
            ObjectNode extra = fitted.extra().deepCopy();
            extra.remove("logit_bias");
            fitted = fitted.withExtra(extra);
        }
        if (fitted.n() != null && fitted.n() != 1) {
            refuse(drop, "n");
            fitted = copy(fitted, fitted.messages(), null, fitted.logprobs(), fitted.topLogprobs());
        }
        List<ChatMessage> messages = new ArrayList<>(fitted.messages().size());
        boolean named = false;
        for (int i = 0; i < fitted.messages().size(); i++) {
            ChatMessage m = fitted.messages().get(i);
            if (m.name() != null) {
                refuse(drop, "messages[" + i + "].name");
                named = true;
                m = new ChatMessage(m.role(), m.content(), null, m.toolCalls(), m.toolCallId(), m.refusal(),
                        m.reasoningContent(), m.extra());
            }
            messages.add(m);
        }
        return named ? copy(fitted, messages, fitted.n(), fitted.logprobs(), fitted.topLogprobs()) : fitted;
    }

    private static ChatRequest withoutLogprobs(ChatRequest r, boolean drop) {
        if (r.logprobs() == null && r.topLogprobs() == null) {
            return r;
        }
        refuse(drop, r.logprobs() != null ? "logprobs" : "top_logprobs");
        return copy(r, r.messages(), r.n(), null, null);
    }

    private static void refuse(boolean drop, String param) {
        if (!drop) {
            throw GatewayException.invalidRequest("This provider does not support '" + param
                    + "'; remove it, or set drop_params to drop it.", param);
        }
    }

    private static ChatRequest copy(ChatRequest r, List<ChatMessage> messages, Integer n, Boolean logprobs,
                                    Integer topLogprobs) {
        return new ChatRequest(r.model(), messages, r.stream(), r.includeUsage(), r.tools(), r.toolChoice(),
                r.parallelToolCalls(), r.responseFormat(), n, r.maxTokens(), r.maxCompletionTokens(), r.temperature(),
                r.topP(), r.stop(), r.seed(), r.user(), r.metadata(), logprobs, topLogprobs, r.reasoningEffort(),
                r.extra());
    }
}
