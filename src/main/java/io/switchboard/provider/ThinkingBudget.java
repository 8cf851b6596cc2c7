package io.switchboard.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.GatewayException;
import io.switchboard.chat.ChatRequest;
import io.switchboard.chat.WireJson;
import java.util.Map;

/**
 * Claude's extended thinking from OpenAI's {@code reasoning_effort}, for every route to Claude (Anthropic's API and
 * Bedrock): the client's own {@code thinking} object wins; else the effort becomes a token budget with LiteLLM's
 * values. Claude requires {@code max_tokens} above the budget, which {@link #maxTokensAbove} keeps true.
 */
public final class ThinkingBudget {
    /** LiteLLM's budgets (Anthropic's minimum budget is 1024). */
    private static final Map<String, Integer> EFFORT_BUDGETS = Map.of("minimal", 1024, "low", 1024,
            "medium", 2048, "high", 4096);

    private ThinkingBudget() {
    }

    /** The {@code thinking} object to send, or null when the request asks for none. */
    public static ObjectNode of(ChatRequest r) {
        JsonNode given = r.extra() == null ? null : r.extra().get("thinking");
        if (given != null && !given.isNull()) {
            if (!given.isObject()) {
                throw GatewayException.wrongType("thinking", "an object");
            }
            return (ObjectNode) given;
        }
        String effort = r.reasoningEffort();
        if (effort == null || effort.equals("none")) {
            return null;
        }
        Integer budget = EFFORT_BUDGETS.get(effort);
        if (budget == null) {
            throw GatewayException.invalidRequest("Invalid value for 'reasoning_effort': '" + effort
                    + "'. Supported values are: 'none', 'minimal', 'low', 'medium' and 'high'.", "reasoning_effort");
        }
        ObjectNode thinking = WireJson.object();
        thinking.put("type", "enabled");
        thinking.put("budget_tokens", budget);
        return thinking;
    }

    /**
     * A defaulted output limit that leaves room for the thinking budget: {@code limit}, or the budget plus
     * {@code fallback} when the budget would not fit under it. A limit the client set is never changed.
     */
    public static int maxTokensAbove(ObjectNode thinking, int limit, int fallback) {
        int budget = thinking == null ? 0 : thinking.path("budget_tokens").asInt(0);
        return budget >= limit ? budget + fallback : limit;
    }
}
