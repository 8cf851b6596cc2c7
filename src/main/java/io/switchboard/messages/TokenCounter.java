package io.switchboard.messages;

import io.switchboard.chat.ChatMessage;
import io.switchboard.chat.ChatRequest;
import io.switchboard.chat.ContentPart;
import io.switchboard.chat.MessageContent;
import io.switchboard.chat.Tool;
import io.switchboard.chat.ToolCall;
import io.switchboard.chat.WireJson;
import io.switchboard.spend.PromptTokens;

/**
 * The {@code /v1/messages/count_tokens} answer: an estimate, counted locally with OpenAI's {@code o200k_base}
 * encoding (JTokkit), not the serving model's own tokenizer, which no provider but Anthropic exposes and which
 * would cost a call. Counts the text of the system prompt, messages, tool calls and results, and the tool
 * definitions as JSON, plus a few tokens of framing per message; each image or PDF counts as
 * {@value #MEDIA_TOKENS} tokens, about what Anthropic charges for a full-size image.
 */
public final class TokenCounter {
    static final int MEDIA_TOKENS = 1600;
    /** Role markers and separators around each message, OpenAI's rule of thumb. */
    private static final int PER_MESSAGE = 4;

    private TokenCounter() {
    }

    public static int inputTokens(ChatRequest request) {
        long tokens = 0;
        for (ChatMessage m : request.messages()) {
            tokens += PER_MESSAGE + content(m.content());
            for (ToolCall call : m.toolCalls()) {
                tokens += text(call.name()) + text(call.arguments());
            }
        }
        for (Tool tool : request.tools()) {
            tokens += text(tool.name()) + text(tool.description())
                    + (tool.parameters() == null ? 0 : text(WireJson.render(tool.parameters())));
        }
        return (int) Math.min(Integer.MAX_VALUE, tokens);
    }

    private static long content(MessageContent content) {
        if (content instanceof MessageContent.Text text) {
            return text(text.value());
        }
        if (content instanceof MessageContent.Parts parts) {
            long tokens = 0;
            for (ContentPart part : parts.parts()) {
                tokens += part instanceof ContentPart.TextPart t ? text(t.text()) : MEDIA_TOKENS;
            }
            return tokens;
        }
        return 0;
    }

    /** Special-token markers in user text ({@code <|endoftext|>}) are counted as ordinary text, never refused. */
    private static long text(String s) {
        // PromptTokens holds the process's one o200k table: each copy of it is about 27 MB of heap
        return PromptTokens.count(s);
    }
}
