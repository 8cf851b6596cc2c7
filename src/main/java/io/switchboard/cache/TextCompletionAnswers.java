package io.switchboard.cache;

import io.switchboard.chat.ChatGateway;
import io.switchboard.chat.ChatResponse;
import java.time.Instant;

/**
 * Legacy text-completion answers, kept as the chat answers they are inside the gateway ({@link CachedAnswer});
 * a hit gets its own {@code cmpl-} id and creation time, as a fresh answer would.
 */
final class TextCompletionAnswers implements AnswerCodec<ChatResponse> {
    static final TextCompletionAnswers CODEC = new TextCompletionAnswers();

    private TextCompletionAnswers() {
    }

    @Override
    public byte[] write(ChatResponse answer, Instant storedAt) {
        return new CachedAnswer(answer, storedAt).toBytes();
    }

    @Override
    public Stored<ChatResponse> read(byte[] bytes) {
        CachedAnswer cached = CachedAnswer.fromBytes(bytes);
        if (cached == null) {
            return null;
        }
        ChatResponse r = cached.response();
        return new Stored<>(new ChatResponse(ChatGateway.newId().replace("chatcmpl-", "cmpl-"),
                Instant.now().getEpochSecond(), r.model(), r.systemFingerprint(), r.choices(), r.usage()),
                cached.storedAt());
    }
}
