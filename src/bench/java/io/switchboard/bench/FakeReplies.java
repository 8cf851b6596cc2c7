package io.switchboard.bench;

import java.nio.charset.StandardCharsets;

/**
 * The fake's bodies in OpenAI's chat-completions wire format, built once: a completion padded to
 * about {@code size} bytes, and a stream of {@code chunks} SSE events (role first, text, a final
 * {@code finish_reason}), an optional usage chunk and {@code [DONE]}.
 */
final class FakeReplies {
    static final byte[] DONE = bytes("data: [DONE]\n\n");
    static final byte[] NOT_FOUND = bytes(
            "{\"error\":{\"message\":\"Unknown path.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}");
    static final byte[] INJECTED_ERROR = bytes(
            "{\"error\":{\"message\":\"Injected failure.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}");
    private static final String ID = "chatcmpl-bench0000000000000000000000";
    private static final long CREATED = 1_700_000_000L;

    private final byte[] completion;
    private final byte[][] chunks;
    private final byte[] usageChunk;

    FakeReplies(int size, int chunkCount) {
        this.completion = completionOfAbout(size);
        this.chunks = new byte[Math.max(2, chunkCount)][];
        int words = chunks.length - 2;
        chunks[0] = chunk("{\"role\":\"assistant\",\"content\":\"\"}", "null");
        for (int i = 1; i <= words; i++) {
            chunks[i] = chunk("{\"content\":\"word" + i + " \"}", "null");
        }
        chunks[chunks.length - 1] = chunk("{}", "\"stop\"");
        this.usageChunk = bytes("data: {\"id\":\"" + ID + "\",\"object\":\"chat.completion.chunk\",\"created\":" + CREATED
                + ",\"model\":\"bench-model\",\"system_fingerprint\":\"fp_bench\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":" + words + ",\"total_tokens\":" + (12 + words)
                + "}}\n\n");
    }

    byte[] completion() {
        return completion;
    }

    byte[][] chunks() {
        return chunks;
    }

    byte[] usageChunk() {
        return usageChunk;
    }

    private static byte[] completionOfAbout(int size) {
        String head = "{\"id\":\"" + ID + "\",\"object\":\"chat.completion\",\"created\":" + CREATED
                + ",\"model\":\"bench-model\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"";
        String tail = "\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":%d,\"total_tokens\":%d},"
                + "\"system_fingerprint\":\"fp_bench\"}";
        StringBuilder content = new StringBuilder();
        int words = 0;
        while (head.length() + content.length() + tail.length() < size) {
            content.append("lorem ");
            words++;
        }
        return bytes(head + content.toString().stripTrailing() + tail.formatted(words, 12 + words));
    }

    private static byte[] chunk(String delta, String finishReason) {
        return bytes("data: {\"id\":\"" + ID + "\",\"object\":\"chat.completion.chunk\",\"created\":" + CREATED
                + ",\"model\":\"bench-model\",\"system_fingerprint\":\"fp_bench\",\"choices\":[{\"index\":0,\"delta\":"
                + delta + ",\"logprobs\":null,\"finish_reason\":" + finishReason + "}]}\n\n");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
