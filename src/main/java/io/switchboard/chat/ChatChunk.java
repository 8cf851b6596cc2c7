package io.switchboard.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One {@code chat.completion.chunk} of a stream. Stream decoders produce these from provider
 * events; {@link CanonicalStream} turns a decoder's chunks into the strict sequence SDKs accept.
 *
 * @param usage non-null on the chunk that reports usage (some providers put it on the finish chunk)
 */
public record ChatChunk(String id, long created, String model, String systemFingerprint,
                        List<Choice> choices, Usage usage) {

    public ChatChunk {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    /** One choice's part of a chunk; {@code finishReason} is non-null on the choice's last chunk. */
    public record Choice(int index, Delta delta, JsonNode logprobs, String finishReason) {
    }

    /**
     * What a chunk adds to a choice's message. Every field may be null.
     *
     * @param reasoningSignature the signature that closes a block of reasoning (Anthropic's {@code signature_delta}),
     *                           which a client must send back with the thinking for the next turn; OpenAI's
     *                           stream has no place for it, Anthropic's ({@code /v1/messages}) does
     */
    public record Delta(String role, String content, String reasoningContent, String refusal,
                        List<ToolCallDelta> toolCalls, String reasoningSignature) {

        public static final Delta EMPTY = new Delta(null, null, null, null, null);

        public Delta {
            toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        }

        public Delta(String role, String content, String reasoningContent, String refusal,
                     List<ToolCallDelta> toolCalls) {
            this(role, content, reasoningContent, refusal, toolCalls, null);
        }

        public boolean isEmpty() {
            return role == null && content == null && reasoningContent == null && refusal == null
                    && toolCalls.isEmpty() && reasoningSignature == null;
        }
    }

    /**
     * A fragment of a tool call. {@code index} is null when the provider omitted it (Mistral);
     * {@code id}, {@code type} and {@code name} are usually only on a call's first fragment.
     */
    public record ToolCallDelta(Integer index, String id, String type, String name, String arguments) {
    }
}
