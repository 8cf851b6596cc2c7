package io.switchboard.chat;

/** A call the model made to a function tool; {@code arguments} is a JSON text, as OpenAI sends it. */
public record ToolCall(String id, String type, String name, String arguments) {
}
