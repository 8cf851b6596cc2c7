package io.switchboard.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.chat.ChatMessage;
import io.switchboard.chat.ChatRequest;
import io.switchboard.chat.RequestFit;
import io.switchboard.chat.WireJson;
import io.switchboard.provider.Deployment;
import java.util.List;
import java.util.Set;

/**
 * Fits a request read from {@code /v1/messages} to the deployment of one attempt. An Anthropic deployment
 * gets everything the client sent ({@code thinking}, {@code top_k}, thinking blocks with their signatures,
 * Anthropic fields this gateway does not know). Any other provider gets the OpenAI-shaped request only:
 * {@code thinking} becomes {@code reasoning_effort}, {@code top_k} stays only where the adapter maps it,
 * and other Anthropic-only fields are left out rather than sent to fail upstream (as LiteLLM's adapter does).
 * {@code max_tokens} is lowered to the model's output limit when it is known: Anthropic clients ask for
 * Claude's limits (Claude Code sends 32000), which smaller models refuse outright.
 */
public final class MessagesFit implements RequestFit {
    public static final MessagesFit INSTANCE = new MessagesFit();

    /** Providers whose adapters translate every Anthropic field (or pass them on as sent). */
    private static final Set<String> NATIVE = Set.of("anthropic");
    /** Providers whose adapters map {@code top_k} to their own sampling option. */
    private static final Set<String> TOP_K = Set.of("gemini", "vertex_ai", "ollama", "cohere");

    private MessagesFit() {
    }

    @Override
    public ChatRequest fit(ChatRequest request, Deployment deployment) {
        ChatRequest r = clampMaxTokens(request, deployment.facts().maxOutputTokens());
        if (NATIVE.contains(deployment.provider())) {
            return r;
        }
        ObjectNode extra = null;
        JsonNode topK = r.extra() == null ? null : r.extra().get("top_k");
        if (topK != null && TOP_K.contains(deployment.provider())) {
            extra = WireJson.object();
            extra.set("top_k", topK);
        }
        List<ChatMessage> messages = r.messages().stream().map(MessagesFit::withoutThinkingBlocks).toList();
        return new ChatRequest(r.model(), messages, r.stream(), r.includeUsage(), r.tools(), r.toolChoice(),
                r.parallelToolCalls(), r.responseFormat(), r.n(), r.maxTokens(), r.maxCompletionTokens(),
                r.temperature(), r.topP(), r.stop(), r.seed(), r.user(), r.metadata(), r.logprobs(), r.topLogprobs(),
                reasoningEffort(r.extra()), extra);
    }

    private static ChatRequest clampMaxTokens(ChatRequest r, Integer limit) {
        if (limit == null || limit <= 0 || r.maxTokens() == null || r.maxTokens() <= limit) {
            return r;
        }
        return new ChatRequest(r.model(), r.messages(), r.stream(), r.includeUsage(), r.tools(), r.toolChoice(),
                r.parallelToolCalls(), r.responseFormat(), r.n(), limit, r.maxCompletionTokens(), r.temperature(),
                r.topP(), r.stop(), r.seed(), r.user(), r.metadata(), r.logprobs(), r.topLogprobs(),
                r.reasoningEffort(), r.extra());
    }

    /**
     * An enabled thinking budget as OpenAI's effort, the inverse of LiteLLM's table (low 1024, medium 2048,
     * high 4096 tokens); disabled or adaptive thinking leaves the effort to the model.
     */
    static String reasoningEffort(ObjectNode extra) {
        JsonNode thinking = extra == null ? null : extra.get("thinking");
        if (thinking == null || !thinking.path("type").asText("").equals("enabled")) {
            return null;
        }
        int budget = thinking.path("budget_tokens").asInt(0);
        return budget < 2048 ? "low" : budget < 4096 ? "medium" : "high";
    }

    /** Thinking blocks are signed by Anthropic and mean nothing to another provider (OpenAI refuses the field). */
    private static ChatMessage withoutThinkingBlocks(ChatMessage m) {
        if (m.extra() == null || !m.extra().has("thinking_blocks")) {
            return m;
        }
        ObjectNode extra = m.extra().deepCopy();
        extra.remove("thinking_blocks");
        return new ChatMessage(m.role(), m.content(), m.name(), m.toolCalls(), m.toolCallId(), m.refusal(),
                m.reasoningContent(), extra.isEmpty() ? null : extra);
    }
}
