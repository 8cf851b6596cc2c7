package io.switchboard.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Renders a {@link ChatReply} in OpenAI's chat wire format: the {@code chat.completion} body of reference §3.1 and
 * the {@code chat.completion.chunk} stream of §1.6 (role chunk, content chunks of two words, finish chunk with
 * {@code delta: {}}, then, only with {@code include_usage}, a {@code choices: []} usage chunk, while every other
 * chunk carries {@code "usage": null}). Tool calls stream as in §1.6: the first delta of each call has
 * {@code index}, {@code id}, {@code type} and {@code function.name} with empty arguments, then the arguments
 * follow in 10-character pieces.
 */
final class OpenAiChatBodies {

    static final String FINGERPRINT = "fp_fake0001";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WORDS_PER_CHUNK = 2;
    private static final int ARGUMENT_PIECE = 10;

    private final String id;
    private final long created;
    private final String model;

    OpenAiChatBodies(String id, long created, String model) {
        this.id = id;
        this.created = created;
        this.model = model;
    }

    ObjectNode completion(ChatReply reply) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", id).put("object", "chat.completion").put("created", created).put("model", model);
        ArrayNode choices = body.putArray("choices");
        for (ChatReply.Choice choice : reply.choices()) {
            ObjectNode item = choices.addObject().put("index", choice.index());
            ObjectNode message = item.putObject("message").put("role", "assistant");
            if (choice.toolCalls().isEmpty()) {
                message.put("content", choice.text());
            } else {
                message.putNull("content");
                ArrayNode calls = message.putArray("tool_calls");
                for (ChatReply.ToolCall call : choice.toolCalls()) {
                    ObjectNode node = calls.addObject().put("id", call.id()).put("type", "function");
                    node.putObject("function").put("name", call.name()).put("arguments", call.arguments());
                }
            }
            message.putNull("refusal");
            message.putArray("annotations");
            item.putNull("logprobs");
            item.put("finish_reason", choice.finishReason());
        }
        body.set("usage", usage(reply));
        body.put("service_tier", "default").put("system_fingerprint", FINGERPRINT);
        return body;
    }

    /** Choices are streamed one after the other (each complete with its finish chunk), then the usage chunk. */
    List<ObjectNode> chunks(ChatReply reply, boolean includeUsage) {
        List<ObjectNode> chunks = new ArrayList<>();
        for (ChatReply.Choice choice : reply.choices()) {
            if (choice.toolCalls().isEmpty()) {
                ObjectNode role = delta(chunks, choice.index());
                role.put("role", "assistant").put("content", "").putNull("refusal");
                for (String piece : textPieces(choice.text())) {
                    delta(chunks, choice.index()).put("content", piece);
                }
            } else {
                for (int k = 0; k < choice.toolCalls().size(); k++) {
                    ChatReply.ToolCall call = choice.toolCalls().get(k);
                    ObjectNode first = delta(chunks, choice.index());
                    if (k == 0) {
                        first.put("role", "assistant").putNull("content");
                    }
                    ObjectNode head = first.putArray("tool_calls").addObject();
                    head.put("index", k).put("id", call.id()).put("type", "function");
                    head.putObject("function").put("name", call.name()).put("arguments", "");
                    if (k == 0) {
                        first.putNull("refusal");
                    }
                    for (int at = 0; at < call.arguments().length(); at += ARGUMENT_PIECE) {
                        String piece = call.arguments().substring(at, Math.min(call.arguments().length(), at + ARGUMENT_PIECE));
                        ObjectNode delta = delta(chunks, choice.index());
                        delta.putArray("tool_calls").addObject().put("index", k).putObject("function").put("arguments", piece);
                    }
                }
            }
            ObjectNode finish = chunk();
            ObjectNode item = finish.putArray("choices").addObject().put("index", choice.index());
            item.putObject("delta");
            item.putNull("logprobs");
            item.put("finish_reason", choice.finishReason());
            chunks.add(finish);
        }
        if (includeUsage) {
            ObjectNode last = chunk();
            last.putArray("choices");
            last.set("usage", usage(reply));
            chunks.add(last);
        }
        for (int i = 0; i < chunks.size(); i++) {
            if (includeUsage && !chunks.get(i).has("usage")) {
                // "All other chunks will also include a usage field, but with a null value" (§1.6).
                chunks.get(i).putNull("usage");
            }
            // Real OpenAI pads each chunk with a random "obfuscation" string; clients must ignore it (§1.6).
            chunks.get(i).put("obfuscation", "fakepad".substring(0, 1 + i % 7));
        }
        return chunks;
    }

    /** Adds a chunk with one choice and returns its (empty) delta for the caller to fill. */
    private ObjectNode delta(List<ObjectNode> chunks, int index) {
        ObjectNode chunk = chunk();
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", index);
        ObjectNode delta = choice.putObject("delta");
        choice.putNull("logprobs");
        choice.putNull("finish_reason");
        chunks.add(chunk);
        return delta;
    }

    private ObjectNode chunk() {
        ObjectNode chunk = JSON.createObjectNode();
        chunk.put("id", id).put("object", "chat.completion.chunk").put("created", created).put("model", model)
                .put("service_tier", "default").put("system_fingerprint", FINGERPRINT);
        return chunk;
    }

    /** Pieces of {@value #WORDS_PER_CHUNK} words; concatenated they give back the text exactly. */
    static List<String> textPieces(String text) {
        List<String> pieces = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return pieces;
        }
        String[] words = text.split(" ", -1);
        for (int i = 0; i < words.length; i += WORDS_PER_CHUNK) {
            String piece = String.join(" ", Arrays.copyOfRange(words, i, Math.min(words.length, i + WORDS_PER_CHUNK)));
            pieces.add(i == 0 ? piece : " " + piece);
        }
        return pieces;
    }

    static ObjectNode usage(ChatReply reply) {
        return usage(reply.promptTokens(), reply.completionTokens());
    }

    static ObjectNode usage(int promptTokens, int completionTokens) {
        ObjectNode usage = JSON.createObjectNode();
        usage.put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
        usage.putObject("prompt_tokens_details").put("cached_tokens", 0).put("audio_tokens", 0);
        usage.putObject("completion_tokens_details").put("reasoning_tokens", 0).put("audio_tokens", 0)
                .put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0);
        return usage;
    }
}
