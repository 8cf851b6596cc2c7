package io.switchboard.spend;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import io.switchboard.chat.ChatMessage;
import java.util.List;

/**
 * Counts tokens with OpenAI's o200k encoding (GPT-4o and later). Other providers' tokenizers differ
 * by some percent; the count only has to bound a reservation, and the settlement uses the usage the
 * provider reports.
 */
public final class PromptTokens {
    /** OpenAI's per-message framing: about 4 tokens around each message, 3 to prime the reply. */
    private static final int PER_MESSAGE = 4;
    private static final int REPLY_PRIMER = 3;
    private static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    private PromptTokens() {
    }

    public static long count(String text) {
        return text == null || text.isEmpty() ? 0 : ENCODING.countTokensOrdinary(text);
    }

    public static long ofMessages(List<ChatMessage> messages) {
        long tokens = REPLY_PRIMER;
        for (ChatMessage m : messages) {
            tokens += PER_MESSAGE + count(m.text());
        }
        return tokens;
    }
}
