package io.switchboard.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.chat.ChatJsonWriter;
import io.switchboard.chat.ChatMessage;
import io.switchboard.chat.ChatRequest;
import io.switchboard.chat.Tool;
import io.switchboard.chat.WireJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Cache keys: the SHA-256 of the scope and of the request in a normal form (fields sorted, so the
 * order a client wrote them in does not matter), with everything that can change the answer (the
 * model group, messages, tools, tool choice, response format, sampling parameters, and any field the
 * gateway passes on unread) and nothing that cannot ({@code user}, {@code metadata}, {@code stream},
 * {@code stream_options}, the gateway's own routing and cache fields).
 */
public final class CacheKeys {
    /** Fields that never change the answer. Bumping {@link #VERSION} retires every older entry. */
    static final Set<String> IGNORED_EXTRA = Set.of("cache", "stream_options", "num_retries", "fallbacks", "tags",
            "timeout", "request_timeout", "mock_testing_fallbacks");
    static final String VERSION = "v1";

    private CacheKeys() {
    }

    /** The key of an exact answer: hex SHA-256, as returned in {@code x-litellm-cache-key}. */
    public static String exact(CacheScope scope, ChatRequest request) {
        return sha256(VERSION + "\nexact\n" + scope.tenant() + "\n" + scope.namespace() + "\n"
                + WireJson.render(normalised(request, true)));
    }

    /**
     * The key of the set of answers a semantic match may come from: the same scope, model and
     * parameters, any messages. Only the prompt's meaning may differ, never the sampling or tools.
     */
    public static String semanticScope(CacheScope scope, ChatRequest request) {
        return sha256(VERSION + "\nsemantic\n" + scope.tenant() + "\n" + scope.namespace() + "\n"
                + WireJson.render(normalised(request, false)));
    }

    /**
     * The key of another call type's answer ({@code embedding}, {@code text_completion}): its request
     * fields in normal form, under the same scope. The call type is part of it, so an embedding and a
     * completion of the same text never meet.
     */
    static String ofCall(String callType, CacheScope scope, JsonNode requestFields) {
        return sha256(VERSION + "\n" + callType + "\n" + scope.tenant() + "\n" + scope.namespace() + "\n"
                + WireJson.render(sorted(requestFields)));
    }

    static ObjectNode normalised(ChatRequest r, boolean withMessages) {
        ObjectNode n = WireJson.object();
        n.put("model", r.model());
        if (withMessages) {
            ArrayNode messages = n.putArray("messages");
            for (ChatMessage m : r.messages()) {
                messages.add(parse(WireJson.render(g -> ChatJsonWriter.writeMessage(g, m, false))));
            }
        }
        ArrayNode tools = n.putArray("tools");
        for (Tool t : r.tools()) {
            ObjectNode tool = tools.addObject().put("type", t.type()).put("name", t.name())
                    .put("description", t.description());
            tool.set("parameters", t.parameters());
            if (t.strict() != null) {
                tool.put("strict", t.strict());
            }
        }
        n.set("tool_choice", r.toolChoice());
        putIfSet(n, "parallel_tool_calls", r.parallelToolCalls());
        n.set("response_format", r.responseFormat());
        n.put("n", r.choiceCount());
        putIfSet(n, "max_tokens", r.maxTokens());
        putIfSet(n, "max_completion_tokens", r.maxCompletionTokens());
        putIfSet(n, "temperature", r.temperature());
        putIfSet(n, "top_p", r.topP());
        ArrayNode stop = n.putArray("stop");
        r.stop().forEach(stop::add);
        putIfSet(n, "seed", r.seed());
        putIfSet(n, "logprobs", r.logprobs());
        putIfSet(n, "top_logprobs", r.topLogprobs());
        putIfSet(n, "reasoning_effort", r.reasoningEffort());
        if (r.extra() != null) {
            ObjectNode extra = WireJson.object();
            r.extra().fields().forEachRemaining(e -> {
                if (!IGNORED_EXTRA.contains(e.getKey())) {
                    extra.set(e.getKey(), e.getValue());
                }
            });
            if (!extra.isEmpty()) {
                n.set("extra", extra); // absent and empty are the same request
            }
        }
        return (ObjectNode) sorted(n);
    }

    private static void putIfSet(ObjectNode n, String field, Object value) {
        if (value != null) {
            n.set(field, WireJson.MAPPER.valueToTree(value));
        }
    }

    /** Object fields in name order at every depth; arrays keep their order (it is meaningful). */
    static JsonNode sorted(JsonNode node) {
        if (node == null || node.isNull()) {
            return WireJson.NODES.nullNode();
        }
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode out = WireJson.object();
            for (String name : names) {
                JsonNode value = node.get(name);
                if (value != null && !value.isNull()) {
                    out.set(name, sorted(value));
                }
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = WireJson.NODES.arrayNode();
            node.forEach(v -> out.add(sorted(v)));
            return out;
        }
        return node;
    }

    private static JsonNode parse(String json) {
        try {
            return WireJson.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
