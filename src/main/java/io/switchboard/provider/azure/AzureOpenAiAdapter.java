package io.switchboard.provider.azure;

import io.switchboard.provider.Deployment;
import io.switchboard.provider.ProviderDefaults;
import io.switchboard.provider.openai.OpenAiAdapter;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * Azure OpenAI's classic API: {@code {api_base}/openai/deployments/{deployment}/{path}?api-version=...}
 * with the key in {@code api-key}. The body and responses are OpenAI's (Azure's extra
 * {@code prompt_filter_results} chunk is dropped by the canonical stream encoder).
 */
@ApplicationScoped
public class AzureOpenAiAdapter extends OpenAiAdapter {
    /** The latest GA data-plane version at the time of writing; deployments override it with {@code api_version}. */
    static final String DEFAULT_API_VERSION = "2024-10-21";

    @Override
    public Set<String> providers() {
        return Set.of("azure");
    }

    @Override
    public ProviderDefaults defaults(String provider) {
        return new ProviderDefaults(null, "AZURE_API_KEY", true);
    }

    @Override
    protected boolean asksBase64(Deployment deployment) {
        return true;
    }

    @Override
    protected URI endpoint(Deployment deployment, String path) {
        String version = deployment.apiVersion() != null ? deployment.apiVersion() : DEFAULT_API_VERSION;
        return URI.create(trimSlash(deployment.apiBase().toString()) + "/openai/deployments/"
                + URLEncoder.encode(deployment.upstreamModel(), StandardCharsets.UTF_8) + "/" + path
                + "?api-version=" + URLEncoder.encode(version, StandardCharsets.UTF_8));
    }

    @Override
    protected Map<String, String> authHeaders(Deployment deployment) {
        return deployment.apiKey() == null ? Map.of() : Map.of("api-key", deployment.apiKey());
    }
}
