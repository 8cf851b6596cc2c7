package io.switchboard.provider;

import io.switchboard.GatewayException;
import io.switchboard.chat.ChatRequest;
import io.switchboard.chat.ChatResponse;
import java.util.Set;

/**
 * One provider dialect for chat completions. Implementations are {@code @ApplicationScoped} CDI
 * beans found by {@link ProviderRegistry}; they are pure and thread-safe.
 */
public interface ProviderAdapter {

    /** The {@code litellm_params.model} prefixes this adapter serves ({@code "azure"}, {@code "groq"}, ...). */
    Set<String> providers();

    /** The base URL and key variable a deployment of {@code provider} falls back to. */
    ProviderDefaults defaults(String provider);

    UpstreamRequest toProviderRequest(ChatRequest request, Deployment deployment);

    /** Reads a successful (2xx) non-streamed response. */
    ChatResponse fromProviderResponse(UpstreamResponse response, ChatRequest request, Deployment deployment);

    StreamDecoder newStreamDecoder(ChatRequest request, Deployment deployment);

    /** Maps a non-2xx response to the gateway's error, by status and structured codes, never by message text. */
    GatewayException toGatewayException(UpstreamResponse response, Deployment deployment);
}
