package io.switchboard.provider.openai;

import io.switchboard.GatewayException;
import io.switchboard.chat.ChatRequest;
import io.switchboard.chat.ChatResponse;
import io.switchboard.embedding.EmbeddingRequest;
import io.switchboard.embedding.EmbeddingResponse;
import io.switchboard.completion.CompletionRequest;
import io.switchboard.provider.CompletionAdapter;
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
 * OpenAI and the OpenAI-compatible family. Subclasses (Azure) change only where a call goes and
 * how it authenticates: {@link #endpoint} and {@link #authHeaders}.
 */
@ApplicationScoped
public class OpenAiAdapter implements ProviderAdapter, EmbeddingAdapter, CompletionAdapter {

    @Override
    public Set<String> providers() {
        return OpenAiCompatibleProviders.TABLE.keySet();
    }

    @Override
    public ProviderDefaults defaults(String provider) {
        return OpenAiCompatibleProviders.TABLE.get(provider);
    }

    @Override
    public UpstreamRequest toProviderRequest(ChatRequest request, Deployment deployment) {
        byte[] body = OpenAiRequestWriter.write(FamilyParameters.fit(request, deployment), deployment.upstreamModel(),
                deployment.provider());
        return post(deployment, "chat/completions", body, request.stream());
    }

    @Override
    public ChatResponse fromProviderResponse(UpstreamResponse response, ChatRequest request, Deployment deployment) {
        return OpenAiResponseReader.readResponse(OpenAiResponseReader.parse(response.body()), request.model());
    }

    @Override
    public StreamDecoder newStreamDecoder(ChatRequest request, Deployment deployment) {
        return new OpenAiStreamDecoder(deployment, false);
    }

    @Override
    public GatewayException toGatewayException(UpstreamResponse response, Deployment deployment) {
        return UpstreamErrors.fromResponse(response, deployment);
    }

    @Override
    public UpstreamRequest toProviderRequest(EmbeddingRequest request, Deployment deployment) {
        byte[] body = OpenAiEmbeddings.write(request, deployment.upstreamModel(), asksBase64(deployment));
        return post(deployment, "embeddings", body, false);
    }

    @Override
    public EmbeddingResponse fromProviderResponse(UpstreamResponse response, EmbeddingRequest request,
                                                  Deployment deployment) {
        return OpenAiEmbeddings.read(response.body(), request.model());
    }

    @Override
    public UpstreamRequest toProviderRequest(CompletionRequest request, Deployment deployment) {
        var body = request.body().deepCopy();
        body.put("model", deployment.upstreamModel());
        if (request.stream()) {
            // As for chat: always ask for usage so that every stream can be billed.
            body.putObject("stream_options").put("include_usage", true);
        }
        return post(deployment, "completions", io.switchboard.chat.WireJson.render(body)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), request.stream());
    }

    @Override
    public ChatResponse fromProviderResponse(UpstreamResponse response, CompletionRequest request,
                                             Deployment deployment) {
        return OpenAiResponseReader.readTextResponse(OpenAiResponseReader.parse(response.body()), request.model());
    }

    @Override
    public StreamDecoder newCompletionStreamDecoder(CompletionRequest request, Deployment deployment) {
        return new OpenAiStreamDecoder(deployment, true);
    }

    /** OpenAI's own API returns base64 vectors four times smaller; the rest of the family may not support it. */
    protected boolean asksBase64(Deployment deployment) {
        return deployment.provider().equals("openai");
    }

    protected UpstreamRequest post(Deployment deployment, String path, byte[] body, boolean stream) {
        Map<String, String> headers = new HashMap<>(authHeaders(deployment));
        headers.put("Content-Type", "application/json");
        headers.put("Accept", stream ? "text/event-stream" : "application/json");
        return new UpstreamRequest("POST", endpoint(deployment, path), headers, body,
                stream ? UpstreamRequest.Framing.SSE : null);
    }

    /** {@code <api_base>/<path>}; Ollama's OpenAI-compatible API lives under {@code /v1} of its base. */
    protected URI endpoint(Deployment deployment, String path) {
        String base = trimSlash(deployment.apiBase().toString());
        if (deployment.provider().equals("ollama_chat") && !base.endsWith("/v1")) {
            base = base + "/v1";
        }
        return URI.create(base + "/" + path);
    }

    protected Map<String, String> authHeaders(Deployment deployment) {
        Map<String, String> headers = new HashMap<>(2);
        if (deployment.apiKey() != null && !deployment.apiKey().isEmpty()) {
            headers.put("Authorization", "Bearer " + deployment.apiKey());
        }
        var organization = deployment.params().get("organization");
        if (organization != null && organization.isTextual()) {
            headers.put("OpenAI-Organization", organization.textValue());
        }
        return headers;
    }

    protected static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
