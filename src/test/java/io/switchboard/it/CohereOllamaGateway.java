package io.switchboard.it;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import io.switchboard.fake.FakeCohere;
import io.switchboard.fake.FakeOllama;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

/**
 * One gateway serving Cohere and Ollama deployments on their fakes, shared by {@link CohereIT} and
 * {@link OllamaIT} (one Liberty start instead of two). Kept apart from {@link TestGateway} so that
 * provider branches do not edit the same config.
 */
final class CohereOllamaGateway {
    static final String MASTER_KEY = "sk-master-CANARY-co-ol-4d2e";
    static final String COHERE_KEY = "CANARY-PROV-cohere-7a1f3e";

    private static CohereOllamaGateway instance;

    final FakeCohere cohere;
    final FakeOllama ollama;
    final GatewayServer server;
    final OpenAIClient client;

    private CohereOllamaGateway() throws IOException {
        cohere = FakeCohere.start(0, COHERE_KEY);
        ollama = FakeOllama.start(0);
        server = GatewayServer.start("cohere-ollama", config(), Map.of(
                "LITELLM_MASTER_KEY", MASTER_KEY,
                "COHERE_API_KEY", COHERE_KEY));
        client = OpenAIOkHttpClient.builder()
                .apiKey(MASTER_KEY)
                .baseUrl(server.baseUrl() + "/v1")
                .maxRetries(0)
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    static synchronized CohereOllamaGateway get() {
        if (instance == null) {
            try {
                instance = new CohereOllamaGateway();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** Cohere's key comes from COHERE_API_KEY by default, as in LiteLLM; Ollama needs none. */
    private String config() {
        return """
                model_list:
                  - model_name: command-a
                    litellm_params:
                      model: cohere/command-a-03-2025
                      api_base: %1$s
                  - model_name: cohere-embed
                    litellm_params:
                      model: cohere/embed-v4.0
                      api_base: %1$s
                  - model_name: cohere-rerank
                    litellm_params:
                      model: cohere/rerank-v3.5
                      api_base: %1$s
                  - model_name: cohere-missing
                    litellm_params:
                      model: cohere_chat/command-nope
                      api_base: %1$s
                  - model_name: llama
                    litellm_params:
                      model: ollama/llama3.2
                      api_base: %2$s
                  - model_name: nomic
                    litellm_params:
                      model: ollama/nomic-embed-text
                      api_base: %2$s
                  - model_name: llama-not-pulled
                    litellm_params:
                      model: ollama/llama9
                      api_base: %2$s
                """.formatted(cohere.baseUrl(), ollama.baseUrl());
    }
}
