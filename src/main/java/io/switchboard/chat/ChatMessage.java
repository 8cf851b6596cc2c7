package io.switchboard.chat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One message of a conversation, or the message of a response choice.
 *
 * @param content          null when an assistant message carries only tool calls
 * @param reasoningContent the reasoning text some providers return beside the answer (DeepSeek, Anthropic thinking)
 * @param extra            fields the gateway does not interpret (annotations, audio, ...), kept in order
 */
public record ChatMessage(
        String role,
        MessageContent content,
        String name,
        List<ToolCall> toolCalls,
        String toolCallId,
        String refusal,
        String reasoningContent,
        ObjectNode extra) {

    public ChatMessage {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    public static ChatMessage assistant(String text, List<ToolCall> toolCalls) {
        return new ChatMessage("assistant", text == null ? null : new MessageContent.Text(text),
                null, toolCalls, null, null, null, null);
    }

    /** The text of the message: its string content, or its text parts joined. */
    public String text() {
        return content == null ? null : content.text();
    }
}
