package io.switchboard.chat;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-encodes the chunks a stream decoder produced into the strict sequence every tested SDK accepts
 * (reference/provider-wire-formats.md §1.4–§1.6), whatever the provider's quirks:
 * <ul>
 *   <li>every chunk carries the same non-empty {@code id}, integer {@code created} and {@code model};</li>
 *   <li>each choice's first delta carries {@code role: "assistant"};</li>
 *   <li>tool-call fragments carry {@code index}, and a call's first fragment {@code id} and {@code type};</li>
 *   <li>a choice's {@code finish_reason} comes on its own chunk with an empty delta, and nothing for
 *       that choice follows it; with several choices ({@code n > 1}) the finish chunks are held until
 *       every choice has finished, because openai-java's accumulator closes the completion as soon as
 *       every choice it has seen so far finished;</li>
 *   <li>usage is never inline: it is sent once, at the end, in a chunk with {@code choices: []},
 *       and only when the client asked for it ({@code stream_options.include_usage}).</li>
 * </ul>
 * A stream that ends before every choice finished is not completed with a made-up
 * {@code finish_reason}: {@link #finish()} reports it as an error for the client's error event.
 * Not thread-safe: one instance per stream.
 */
public final class CanonicalStream {
    private final String requestedModel;
    private final boolean includeUsage;
    private final String fallbackId;
    private final long now;
    private final int expectedChoices;
    private final List<ChatChunk.Choice> heldFinishes = new ArrayList<>(0);

    private String id;
    private long created;
    private String model;
    private String systemFingerprint;
    private final Map<Integer, ChoiceState> choices = new HashMap<>();
    private Usage usage;

    /**
     * @param fallbackId used when the provider's chunks carry no id (Azure's first chunk, Ollama)
     * @param now        epoch seconds, used when the provider sends no {@code created}
     * @param expectedChoices how many choices the client asked for ({@code n})
     */
    public CanonicalStream(String requestedModel, boolean includeUsage, String fallbackId, long now,
                           int expectedChoices) {
        this.requestedModel = requestedModel;
        this.includeUsage = includeUsage;
        this.fallbackId = fallbackId;
        this.now = now;
        this.expectedChoices = expectedChoices;
    }

    /** Takes one decoded chunk and returns the canonical chunks to send now (possibly none). */
    public List<ChatChunk> accept(ChatChunk upstream) {
        if (upstream.usage() != null) {
            usage = upstream.usage();
        }
        List<ChatChunk.Choice> content = new ArrayList<>(upstream.choices().size());
        List<ChatChunk.Choice> finishes = new ArrayList<>(1);
        for (ChatChunk.Choice choice : upstream.choices()) {
            ChoiceState state = choices.computeIfAbsent(choice.index(), i -> new ChoiceState());
            if (state.finished) {
                continue; // e.g. an empty trailing chunk after the finish chunk: SDKs reject it
            }
            ChatChunk.Delta delta = state.normalise(choice.delta());
            if (choice.finishReason() != null && !state.roleSent) {
                delta = state.roleOnly(); // an empty answer still names its role before finishing
            }
            if (!delta.isEmpty()) {
                content.add(new ChatChunk.Choice(choice.index(), delta, choice.logprobs(), null));
            }
            if (choice.finishReason() != null) {
                state.finished = true;
                finishes.add(new ChatChunk.Choice(choice.index(), ChatChunk.Delta.EMPTY, null, choice.finishReason()));
            }
        }
        if (expectedChoices > 1 && !finishes.isEmpty()) {
            heldFinishes.addAll(finishes);
            finishes = heldFinishes.size() >= expectedChoices ? releaseHeld() : List.of();
        }
        if (content.isEmpty() && finishes.isEmpty()) {
            return List.of();
        }
        fixIdentity(upstream);
        List<ChatChunk> out = new ArrayList<>(2);
        if (!content.isEmpty()) {
            out.add(chunk(content, null));
        }
        if (!finishes.isEmpty()) {
            out.add(chunk(finishes, null));
        }
        return out;
    }

    private List<ChatChunk.Choice> releaseHeld() {
        List<ChatChunk.Choice> released = List.copyOf(heldFinishes);
        heldFinishes.clear();
        return released;
    }

    /**
     * Called when the provider's stream ended normally. Returns the closing usage chunk when the
     * client asked for usage; throws when the stream ended before every choice finished.
     */
    public List<ChatChunk> finish() {
        if (!completed()) {
            throw new GatewayException(ErrorKind.UPSTREAM_ERROR,
                    "The provider's stream ended before the response was complete.", null, "incomplete_stream");
        }
        List<ChatChunk> out = new ArrayList<>(2);
        if (!heldFinishes.isEmpty()) {
            out.add(chunk(releaseHeld(), null)); // the provider returned fewer choices than asked for
        }
        if (includeUsage && usage != null) {
            out.add(chunk(List.of(), usage));
        }
        return out;
    }

    /** True once at least one choice was seen and every seen choice has its finish reason. */
    public boolean completed() {
        return !choices.isEmpty() && choices.values().stream().allMatch(s -> s.finished);
    }

    /** The usage the provider reported so far, or null. */
    public Usage usage() {
        return usage;
    }

    public boolean includeUsage() {
        return includeUsage;
    }

    private void fixIdentity(ChatChunk upstream) {
        if (id != null) {
            return;
        }
        id = notEmpty(upstream.id()) ? upstream.id() : fallbackId;
        created = upstream.created() > 0 ? upstream.created() : now;
        model = notEmpty(upstream.model()) ? upstream.model() : requestedModel;
        systemFingerprint = upstream.systemFingerprint();
    }

    private ChatChunk chunk(List<ChatChunk.Choice> choiceList, Usage chunkUsage) {
        if (id == null) {
            id = fallbackId;
            created = now;
            model = requestedModel;
        }
        return new ChatChunk(id, created, model, systemFingerprint, choiceList, chunkUsage);
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }

    /** What one choice has sent so far: whether its role went out, and its tool calls by id. */
    private static final class ChoiceState {
        private boolean roleSent;
        private boolean finished;
        private final Map<String, Integer> toolIndexById = new HashMap<>();
        private final List<Boolean> toolStarted = new ArrayList<>();
        private int lastToolIndex = -1;

        ChatChunk.Delta normalise(ChatChunk.Delta delta) {
            List<ChatChunk.ToolCallDelta> calls = delta.toolCalls().isEmpty() ? List.of() : normaliseTools(delta);
            boolean hasPayload = delta.content() != null || delta.reasoningContent() != null
                    || delta.refusal() != null || !calls.isEmpty() || delta.reasoningSignature() != null;
            String role = null;
            if (!roleSent && (hasPayload || delta.role() != null)) {
                role = "assistant";
                roleSent = true;
            }
            String content = delta.content();
            if (role != null && content == null && calls.isEmpty() && delta.reasoningContent() == null
                    && delta.reasoningSignature() == null) {
                content = ""; // OpenAI's own first chunk: {"role":"assistant","content":""}
            }
            return new ChatChunk.Delta(role, content, delta.reasoningContent(), delta.refusal(), calls,
                    delta.reasoningSignature());
        }

        ChatChunk.Delta roleOnly() {
            roleSent = true;
            return new ChatChunk.Delta("assistant", "", null, null, null);
        }

        private List<ChatChunk.ToolCallDelta> normaliseTools(ChatChunk.Delta delta) {
            List<ChatChunk.ToolCallDelta> out = new ArrayList<>(delta.toolCalls().size());
            for (ChatChunk.ToolCallDelta call : delta.toolCalls()) {
                int index = indexOf(call);
                boolean first = index >= toolStarted.size() || !toolStarted.get(index);
                while (toolStarted.size() <= index) {
                    toolStarted.add(false);
                }
                toolStarted.set(index, true);
                lastToolIndex = index;
                if (first) {
                    String id = call.id() != null ? call.id() : "call_" + index + "_" + Integer.toHexString(hashCode());
                    out.add(new ChatChunk.ToolCallDelta(index, id, "function", call.name(), call.arguments()));
                } else {
                    out.add(new ChatChunk.ToolCallDelta(index, null, null, call.name(), call.arguments()));
                }
            }
            return out;
        }

        /**
         * The call's index. Providers that omit it (Mistral) send each call whole with its own id,
         * so a new id means the next call and a fragment without id continues the last call.
         */
        private int indexOf(ChatChunk.ToolCallDelta call) {
            if (call.index() != null) {
                if (call.id() != null) {
                    toolIndexById.putIfAbsent(call.id(), call.index());
                }
                return call.index();
            }
            if (call.id() != null) {
                Integer known = toolIndexById.get(call.id());
                if (known != null) {
                    return known;
                }
                int next = toolStarted.size();
                toolIndexById.put(call.id(), next);
                return next;
            }
            return Math.max(lastToolIndex, 0);
        }
    }
}
