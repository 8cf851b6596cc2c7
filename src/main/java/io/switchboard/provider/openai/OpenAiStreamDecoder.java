package io.switchboard.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.chat.ChatChunk;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.ErrorScrubber;
import io.switchboard.provider.StreamDecoder;
import io.switchboard.provider.UpstreamEvent;
import java.util.List;

/**
 * Decodes an OpenAI-family SSE stream. Each {@code data:} payload is one chunk; {@code [DONE]} ends
 * it; a payload carrying {@code error} (OpenRouter, vLLM and OpenAI itself do this mid-stream) is
 * the provider failing after the stream started.
 */
final class OpenAiStreamDecoder implements StreamDecoder {
    private final Deployment deployment;
    private final boolean textCompletion;
    private boolean done;

    /** @param textCompletion true for legacy {@code /completions} streams, whose choices carry {@code text} */
    OpenAiStreamDecoder(Deployment deployment, boolean textCompletion) {
        this.deployment = deployment;
        this.textCompletion = textCompletion;
    }

    @Override
    public List<ChatChunk> decode(UpstreamEvent event) {
        String data = event.data();
        if (data.startsWith("[DONE]")) {
            done = true;
            return List.of();
        }
        JsonNode root = OpenAiResponseReader.parse(data);
        JsonNode error = root.get("error");
        if (error != null && !error.isNull()) {
            String message = ErrorScrubber.scrub(error.path("message").asText(null), deployment);
            throw new GatewayException(ErrorKind.UPSTREAM_ERROR,
                    message == null ? "The provider reported an error during the stream." : message,
                    null, "upstream_stream_error");
        }
        return List.of(textCompletion ? OpenAiResponseReader.readTextChunk(root) : OpenAiResponseReader.readChunk(root));
    }

    @Override
    public boolean done() {
        return done;
    }
}
