package io.switchboard.provider.anthropic;

import io.switchboard.provider.JsonTool;
import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.GatewayException;
import io.switchboard.chat.ChatRequest;
import io.switchboard.chat.ChatResponse;
import io.switchboard.chat.WireJson;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.ProviderAdapter;
import io.switchboard.provider.ProviderDefaults;
import io.switchboard.provider.StreamDecoder;
import io.switchboard.provider.UpstreamRequest;
import io.switchboard.provider.UpstreamResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Anthropic's Messages API. Authenticates with {@code x-api-key} and pins {@code anthropic-version: 2023-06-01},
 * the stable version every Anthropic SDK accepts (reference §3.2); beta features are opted into with the
 * deployment's {@code anthropic_beta} param (a string or a list) or {@code extra_headers: {anthropic-beta: ...}},
 * sent as {@code anthropic-beta}. No other deployment header is forwarded.
 */
@ApplicationScoped
public class AnthropicAdapter implements ProviderAdapter {
    static final String API_VERSION = "2023-06-01";
    private static final ProviderDefaults DEFAULTS =
            new ProviderDefaults("https://api.anthropic.com", "ANTHROPIC_API_KEY", true);

    @Override
    public Set<String> providers() {
        return Set.of("anthropic");
    }

    @Override
    public ProviderDefaults defaults(String provider) {
        return DEFAULTS;
    }

    @Override
    public UpstreamRequest toProviderRequest(ChatRequest request, Deployment deployment) {
        String body = WireJson.render(AnthropicRequestWriter.write(request, deployment));
        Map<String, String> headers = new LinkedHashMap<>();
        if (deployment.apiKey() != null && !deployment.apiKey().isEmpty()) {
            headers.put("x-api-key", deployment.apiKey());
        }
        headers.put("anthropic-version", API_VERSION);
        String beta = betaHeader(deployment.params().get("anthropic_beta"));
        if (beta == null) { // LiteLLM's documented spelling: extra_headers: {anthropic-beta: ...}
            JsonNode extraHeaders = deployment.params().get("extra_headers");
            beta = betaHeader(extraHeaders == null ? null : extraHeaders.get("anthropic-beta"));
        }
        if (beta != null) {
            headers.put("anthropic-beta", beta);
        }
        headers.put("Content-Type", "application/json");
        headers.put("Accept", request.stream() ? "text/event-stream" : "application/json");
        return new UpstreamRequest("POST", endpoint(deployment), headers, body.getBytes(StandardCharsets.UTF_8),
                request.stream() ? UpstreamRequest.Framing.SSE : null);
    }

    @Override
    public ChatResponse fromProviderResponse(UpstreamResponse response, ChatRequest request, Deployment deployment) {
        return AnthropicResponseReader.read(AnthropicResponseReader.parse(response.body()), request);
    }

    @Override
    public StreamDecoder newStreamDecoder(ChatRequest request, Deployment deployment) {
        return new AnthropicStreamDecoder(deployment, JsonTool.requested(request));
    }

    @Override
    public GatewayException toGatewayException(UpstreamResponse response, Deployment deployment) {
        return AnthropicErrors.fromResponse(response, deployment);
    }

    /**
     * {@code <api_base>/v1/messages}. LiteLLM users write the base with or without {@code /v1}, and some write
     * the whole endpoint; all three mean the same call.
     */
    static URI endpoint(Deployment deployment) {
        String base = deployment.apiBase().toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (base.endsWith("/v1/messages")) {
            return URI.create(base);
        }
        return URI.create(base.endsWith("/v1") ? base + "/messages" : base + "/v1/messages");
    }

    private static String betaHeader(JsonNode beta) {
        if (beta == null || beta.isNull()) {
            return null;
        }
        if (beta.isArray()) {
            List<String> names = new ArrayList<>();
            beta.forEach(b -> names.add(b.asText()));
            return names.isEmpty() ? null : String.join(",", names);
        }
        String text = beta.asText();
        return text.isBlank() ? null : text;
    }
}
