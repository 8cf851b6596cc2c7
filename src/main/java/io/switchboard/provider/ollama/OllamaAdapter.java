package io.switchboard.provider.ollama;

import io.switchboard.GatewayException;
import io.switchboard.chat.ChatRequest;
import io.switchboard.chat.ChatResponse;
import io.switchboard.embedding.EmbeddingRequest;
import io.switchboard.embedding.EmbeddingResponse;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.EmbeddingAdapter;
import io.switchboard.provider.ProviderAdapter;
import io.switchboard.provider.ProviderDefaults;
import io.switchboard.provider.StreamDecoder;
import io.switchboard.provider.UpstreamErrors;
import io.switchboard.provider.UpstreamRequest;
import io.switchboard.provider.UpstreamResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Ollama's native chat and embed APIs under the {@code ollama} prefix. A local server needs no key;
 * when one is set (Ollama behind an authenticating proxy, or ollama.com) it is sent as Bearer.
 */
@ApplicationScoped
public class OllamaAdapter implements ProviderAdapter, EmbeddingAdapter {
    private static final ProviderDefaults DEFAULTS = new ProviderDefaults("http://localhost:11434", "OLLAMA_API_KEY",
            false);

    @Override
    public Set<String> providers() {
        return Set.of("ollama");
    }

    @Override
    public ProviderDefaults defaults(String provider) {
        return DEFAULTS;
    }

    @Override
    public UpstreamRequest toProviderRequest(ChatRequest request, Deployment deployment) {
        return post(deployment, "api/chat", OllamaRequestWriter.write(request, deployment), request.stream());
    }

    @Override
    public ChatResponse fromProviderResponse(UpstreamResponse response, ChatRequest request, Deployment deployment) {
        ChatResponse r = OllamaResponseReader.read(OllamaResponseReader.parse(response.bodyText(), deployment));
        return r.model() == null ? new ChatResponse(r.id(), r.created(), deployment.upstreamModel(), null, r.choices(),
                r.usage()) : r;
    }

    @Override
    public StreamDecoder newStreamDecoder(ChatRequest request, Deployment deployment) {
        return new OllamaStreamDecoder(deployment);
    }

    /** Ollama's errors are {@code {"error":"..."}}; 404 is a model that was never pulled. The default table reads both. */
    @Override
    public GatewayException toGatewayException(UpstreamResponse response, Deployment deployment) {
        return UpstreamErrors.fromResponse(response, deployment);
    }

    @Override
    public UpstreamRequest toProviderRequest(EmbeddingRequest request, Deployment deployment) {
        return post(deployment, "api/embed", OllamaEmbeddings.write(request, deployment.upstreamModel()), false);
    }

    @Override
    public EmbeddingResponse fromProviderResponse(UpstreamResponse response, EmbeddingRequest request,
                                                  Deployment deployment) {
        return OllamaEmbeddings.read(response.body(), deployment.upstreamModel(), deployment);
    }

    private static UpstreamRequest post(Deployment deployment, String path, byte[] body, boolean stream) {
        String base = deployment.apiBase().toString();
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        Map<String, String> headers = new HashMap<>(4);
        headers.put("Content-Type", "application/json");
        headers.put("Accept", stream ? "application/x-ndjson" : "application/json");
        if (deployment.apiKey() != null && !deployment.apiKey().isEmpty()) {
            headers.put("Authorization", "Bearer " + deployment.apiKey());
        }
        return new UpstreamRequest("POST", URI.create(base + "/" + path), headers, body,
                stream ? UpstreamRequest.Framing.NDJSON : null);
    }
}
