package io.switchboard.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.GatewayException;
import io.switchboard.access.Caller;
import io.switchboard.guardrail.GuardrailCheck.Text;
import io.switchboard.guardrail.GuardrailRun;
import io.switchboard.guardrail.Guardrails;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Guardrails on chat-shaped calls: takes the prompt's texts out of a request for the guardrails, puts
 * their rewrites back, and hands the call a {@link GuardedCall} for the rest. The names a request asks
 * for ({@code guardrails: [...]} or {@code metadata.guardrails}, as LiteLLM reads them) are the
 * gateway's: they never reach a provider.
 */
@ApplicationScoped
public class ChatGuardrails {
    static final String FIELD = "guardrails";

    @Inject
    Guardrails guardrails;

    /** Runs upstream calls beside {@code during_call} guardrails; a full pool runs them on the caller's thread. */
    private final ThreadPoolExecutor duringCall = new ThreadPoolExecutor(0, 256, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "switchboard-guardrail-during-call");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.CallerRunsPolicy());

    @PreDestroy
    void stop() {
        duringCall.shutdownNow();
    }

    public GuardedCall<ChatRequest> preCall(Caller caller, ChatRequest request) {
        Set<String> requested = requested(request.extra(), request.metadata());
        ChatRequest stripped = requested.isEmpty() && !hasField(request.extra(), request.metadata()) ? request
                : withoutField(request);
        if (requested.isEmpty() && !guardrails.configured()) {
            return unguarded(stripped);
        }
        return preCall(caller, requested, texts(stripped.messages()), texts -> withTexts(stripped, texts));
    }

    /** For other request shapes (legacy completions): their texts, and how to rebuild them rewritten. */
    public <T> GuardedCall<T> preCall(Caller caller, Collection<String> requested, List<Text> texts,
                                      Function<List<String>, T> rebuild) {
        GuardrailRun run = guardrails.begin(caller == null ? "unknown" : caller.label(), withKeys(caller, requested));
        if (run.isEmpty()) {
            return new GuardedCall<>(null, rebuild.apply(texts.stream().map(Text::text).toList()), texts, duringCall);
        }
        List<String> checked = run.preCall(texts);
        List<Text> sent = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            sent.add(new Text(texts.get(i).role(), checked.get(i)));
        }
        return new GuardedCall<>(run, rebuild.apply(checked), sent, duringCall);
    }

    /**
     * The request's guardrails plus those its virtual key and the key's team were given ({@code guardrails}
     * on /key/generate and /team/new, as in LiteLLM): they run on every call made with the key, whatever
     * the request says.
     */
    static Collection<String> withKeys(Caller caller, Collection<String> requested) {
        if (caller == null || caller.key() == null
                || caller.key().guardrails().isEmpty() && caller.key().teamGuardrails().isEmpty()) {
            return requested;
        }
        Set<String> all = new LinkedHashSet<>(requested);
        all.addAll(caller.key().guardrails());
        all.addAll(caller.key().teamGuardrails());
        return all;
    }

    /** A call no guardrail applies to (none configured, none asked for): nothing to extract or check. */
    public <T> GuardedCall<T> unguarded(T request) {
        return new GuardedCall<>(null, request, List.of(), duringCall);
    }

    /** Whether any guardrail is configured at all. */
    public boolean configured() {
        return guardrails.configured();
    }

    /** The guardrail names in a body's {@code guardrails} field and its {@code metadata.guardrails}. */
    public static Set<String> requested(JsonNode body, JsonNode metadata) {
        Set<String> names = new LinkedHashSet<>();
        addNames(body == null ? null : body.get(FIELD), FIELD, names);
        addNames(metadata == null ? null : metadata.get(FIELD), "metadata." + FIELD, names);
        return names;
    }

    /** Removes the gateway's {@code guardrails} fields from a body (and its metadata) before it goes upstream. */
    public static void removeField(ObjectNode body) {
        body.remove(FIELD);
        if (body.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove(FIELD);
        }
    }

    private static void addNames(JsonNode field, String param, Set<String> names) {
        if (field == null || field.isNull()) {
            return;
        }
        if (!field.isArray()) {
            throw GatewayException.wrongType(param, "an array of guardrail names");
        }
        for (JsonNode name : field) {
            if (!name.isTextual()) {
                throw GatewayException.wrongType(param, "an array of guardrail names");
            }
            names.add(name.textValue());
        }
    }

    private static boolean hasField(JsonNode extra, JsonNode metadata) {
        return (extra != null && extra.has(FIELD)) || (metadata != null && metadata.has(FIELD));
    }

    private static ChatRequest withoutField(ChatRequest r) {
        ObjectNode extra = r.extra() == null ? null : r.extra().deepCopy();
        if (extra != null) {
            extra.remove(FIELD);
        }
        JsonNode metadata = r.metadata();
        if (metadata instanceof ObjectNode m && m.has(FIELD)) {
            ObjectNode copy = m.deepCopy();
            copy.remove(FIELD);
            metadata = copy.isEmpty() ? null : copy;
        }
        return new ChatRequest(r.model(), r.messages(), r.stream(), r.includeUsage(), r.tools(), r.toolChoice(),
                r.parallelToolCalls(), r.responseFormat(), r.n(), r.maxTokens(), r.maxCompletionTokens(),
                r.temperature(), r.topP(), r.stop(), r.seed(), r.user(), metadata, r.logprobs(), r.topLogprobs(),
                r.reasoningEffort(), extra);
    }

    /** One text per string content or text part, in message order. */
    static List<Text> texts(List<ChatMessage> messages) {
        List<Text> texts = new ArrayList<>();
        for (ChatMessage m : messages) {
            if (m.content() instanceof MessageContent.Text t) {
                texts.add(new Text(m.role(), t.value()));
            } else if (m.content() instanceof MessageContent.Parts parts) {
                for (ContentPart part : parts.parts()) {
                    if (part instanceof ContentPart.TextPart tp) {
                        texts.add(new Text(m.role(), tp.text()));
                    }
                }
            }
        }
        return texts;
    }

    static ChatRequest withTexts(ChatRequest r, List<String> texts) {
        Iterator<String> next = texts.iterator();
        List<ChatMessage> messages = new ArrayList<>();
        boolean changed = false;
        for (ChatMessage m : r.messages()) {
            MessageContent content = m.content();
            if (content instanceof MessageContent.Text t) {
                String replaced = next.next();
                changed |= !java.util.Objects.equals(replaced, t.value());
                content = new MessageContent.Text(replaced);
            } else if (content instanceof MessageContent.Parts parts) {
                List<ContentPart> out = new ArrayList<>();
                for (ContentPart part : parts.parts()) {
                    if (part instanceof ContentPart.TextPart tp) {
                        String replaced = next.next();
                        changed |= !java.util.Objects.equals(replaced, tp.text());
                        out.add(new ContentPart.TextPart(replaced, tp.extra()));
                    } else {
                        out.add(part);
                    }
                }
                content = new MessageContent.Parts(out);
            }
            messages.add(new ChatMessage(m.role(), content, m.name(), m.toolCalls(), m.toolCallId(), m.refusal(),
                    m.reasoningContent(), m.extra()));
        }
        if (!changed) {
            return r;
        }
        return new ChatRequest(r.model(), messages, r.stream(), r.includeUsage(), r.tools(), r.toolChoice(),
                r.parallelToolCalls(), r.responseFormat(), r.n(), r.maxTokens(), r.maxCompletionTokens(),
                r.temperature(), r.topP(), r.stop(), r.seed(), r.user(), r.metadata(), r.logprobs(), r.topLogprobs(),
                r.reasoningEffort(), r.extra());
    }
}
