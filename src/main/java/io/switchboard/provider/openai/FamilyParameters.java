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
 *   <li>Mistral: its API refuses fields it does not define (422, "Extra inputs are not permitted"), and defines no
 *       {@code logprobs}, {@code top_logprobs} or {@code logit_bias} (docs.mistral.ai/api; LiteLLM's supported
 *       list for Mistral leaves them out too); {@code messages[].name} is left out, as LiteLLM leaves it out
 *       (LiteLLM issue 6696). ({@code seed} goes as Mistral's {@code random_seed}: {@link OpenAiRequestWriter}.)</li>
 *   <li>xAI: its reasoning models ({@code grok-3-mini}, {@code grok-4}, {@code grok-code-fast}) answer
 *       {@code stop}, {@code presence_penalty} and {@code frequency_penalty} with an error (docs.x.ai, Reasoning;
 *       LiteLLM leaves stop and frequency_penalty out for them), and only {@code grok-3-mini} takes
 *       {@code reasoning_effort}; {@code messages[].name} is left out, as LiteLLM does (LiteLLM issue 9720).</li>
 * </ul>
 * Together AI, Fireworks AI, Perplexity and OpenRouter document no refusal of an OpenAI parameter that the
 * gateway sends, so their requests go as the client wrote them.
 */
final class FamilyParameters {
    private FamilyParameters() {
    }

    /** The request as this deployment's provider takes it, or a 400 naming what it refuses. */
    static ChatRequest fit(ChatRequest r, Deployment deployment) {
        boolean drop = deployment.dropParams();
        return switch (deployment.provider()) {
            case "groq" -> groq(r, drop);
            case "deepseek" -> deployment.upstreamModel().contains("reasoner") ? withoutLogprobs(r, drop) : r;
            case "mistral" -> mistral(r, drop);
            case "xai" -> xai(r, deployment.upstreamModel(), drop);
            default -> r;
        };
    }

    private static ChatRequest groq(ChatRequest r, boolean drop) {
        ChatRequest fitted = withoutExtra(withoutLogprobs(r, drop), drop, "logit_bias");
        if (fitted.n() != null && fitted.n() != 1) {
            refuse(drop, "n");
            fitted = copy(fitted, fitted.messages(), null, fitted.stop(), fitted.seed(), fitted.logprobs(),
                    fitted.topLogprobs(), fitted.reasoningEffort());
        }
        return withoutNames(fitted, drop, true);
    }

    private static ChatRequest mistral(ChatRequest r, boolean drop) {
        return withoutNames(withoutExtra(withoutLogprobs(r, drop), drop, "logit_bias"), drop, false);
    }

    private static ChatRequest xai(ChatRequest r, String model, boolean drop) {
        ChatRequest fitted = r;
        if (model.contains("grok-3-mini") || model.contains("grok-4") || model.contains("grok-code-fast")) {
            fitted = withoutExtra(fitted, drop, "presence_penalty", "frequency_penalty");
            if (!fitted.stop().isEmpty()) {
                refuse(drop, "stop");
                fitted = copy(fitted, fitted.messages(), fitted.n(), List.of(), fitted.seed(), fitted.logprobs(),
                        fitted.topLogprobs(), fitted.reasoningEffort());
            }
        }
        if (fitted.reasoningEffort() != null && !model.contains("grok-3-mini")) {
            refuse(drop, "reasoning_effort");
            fitted = copy(fitted, fitted.messages(), fitted.n(), fitted.stop(), fitted.seed(), fitted.logprobs(),
                    fitted.topLogprobs(), null);
        }
        return withoutNames(fitted, drop, false);
    }

    private static ChatRequest withoutLogprobs(ChatRequest r, boolean drop) {
        if (r.logprobs() == null && r.topLogprobs() == null) {
            return r;
        }
        refuse(drop, r.logprobs() != null ? "logprobs" : "top_logprobs");
        return copy(r, r.messages(), r.n(), r.stop(), r.seed(), null, null, r.reasoningEffort());
    }

    /** Without these pass-through fields: refused unless {@code drop_params}. */
    private static ChatRequest withoutExtra(ChatRequest r, boolean drop, String... names) {
        ObjectNode extra = null;
        for (String name : names) {
            if (r.extra() != null && r.extra().has(name)) {
                refuse(drop, name);
                extra = extra == null ? r.extra().deepCopy() : extra;
                extra.remove(name);
            }
        }
        return extra == null ? r : r.withExtra(extra);
    }

    /** Without {@code messages[].name}: refused first when {@code refused} and not {@code drop_params}. */
    private static ChatRequest withoutNames(ChatRequest r, boolean drop, boolean refused) {
        List<ChatMessage> messages = new ArrayList<>(r.messages().size());
        boolean named = false;
        for (int i = 0; i < r.messages().size(); i++) {
            ChatMessage m = r.messages().get(i);
            if (m.name() != null) {
                if (refused) {
                    refuse(drop, "messages[" + i + "].name");
                }
                named = true;
                m = new ChatMessage(m.role(), m.content(), null, m.toolCalls(), m.toolCallId(), m.refusal(),
                        m.reasoningContent(), m.extra());
            }
            messages.add(m);
        }
        return named ? copy(r, messages, r.n(), r.stop(), r.seed(), r.logprobs(), r.topLogprobs(),
                r.reasoningEffort()) : r;
    }

    private static void refuse(boolean drop, String param) {
        if (!drop) {
            throw GatewayException.invalidRequest("This provider does not support '" + param
                    + "'; remove it, or set drop_params to drop it.", param);
        }
    }

    private static ChatRequest copy(ChatRequest r, List<ChatMessage> messages, Integer n, List<String> stop,
                                    Long seed, Boolean logprobs, Integer topLogprobs, String reasoningEffort) {
        return new ChatRequest(r.model(), messages, r.stream(), r.includeUsage(), r.tools(), r.toolChoice(),
                r.parallelToolCalls(), r.responseFormat(), n, r.maxTokens(), r.maxCompletionTokens(), r.temperature(),
                r.topP(), stop, seed, r.user(), r.metadata(), logprobs, topLogprobs, reasoningEffort, r.extra());
    }
}
