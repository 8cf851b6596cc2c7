package io.switchboard.it;

import io.switchboard.fake.FakeAzureOpenAi;
import io.switchboard.fake.FakeOpenAi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * One gateway and its fake providers, shared by every integration test of a run (starting Liberty
 * costs seconds; the fakes cost nothing). Provider keys are canaries: tests assert they never
 * reach a client.
 */
public final class TestGateway {
    public static final String MASTER_KEY = "sk-master-CANARY-1b7e0c2d";
    public static final String OPENAI_KEY = "sk-CANARY-PROV-openai-5f2a9c";
    public static final String AZURE_KEY = "CANARY-PROV-azure-8d3e1b";
    public static final String MISTRAL_KEY = "CANARY-PROV-mistral-2c4f6a";
    public static final String GROQ_KEY = "gsk_CANARY-PROV-groq-9e7d5b";

    private static TestGateway instance;

    public final FakeOpenAi openai;
    public final FakeAzureOpenAi azure;
    public final FakeOpenAi mistral;
    public final FakeOpenAi groq;
    public final GatewayServer server;

    private TestGateway() throws IOException {
        openai = FakeOpenAi.start(0, OPENAI_KEY);
        openai.model("gpt-err", "gpt-err");
        openai.model("gpt-slow", "gpt-slow");
        azure = FakeAzureOpenAi.start(0, AZURE_KEY);
        azure.deployment("prod-gpt4o", "gpt-4o-2024-08-06");
        mistral = FakeOpenAi.start(0, MISTRAL_KEY);
        mistral.model("mistral-small-latest");
        groq = FakeOpenAi.start(0, GROQ_KEY);
        groq.model("llama-3.3-70b-versatile");
        server = GatewayServer.start("shared", config(), Map.of(
                "LITELLM_MASTER_KEY", MASTER_KEY,
                "OPENAI_API_KEY", OPENAI_KEY,
                "AZURE_API_KEY", AZURE_KEY,
                "MISTRAL_API_KEY", MISTRAL_KEY,
                "GROQ_API_KEY", GROQ_KEY));
        System.out.println("[switchboard-it] gateway (java -jar) answered after " + server.startupTime().toMillis() + " ms");
    }

    public static synchronized TestGateway get() {
        if (instance == null) {
            try {
                instance = new TestGateway();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** A LiteLLM config.yaml as users write them: keys by os.environ reference, one entry per deployment. */
    private String config() {
        return """
                model_list:
                  - model_name: gpt-4o-mini
                    litellm_params:
                      model: openai/gpt-4o-mini
                      api_base: %1$s
                      api_key: os.environ/OPENAI_API_KEY
                  - model_name: text-embedding-3-small
                    litellm_params:
                      model: openai/text-embedding-3-small
                      api_base: %1$s
                      api_key: os.environ/OPENAI_API_KEY
                  - model_name: gpt-3.5-turbo-instruct
                    litellm_params:
                      model: openai/gpt-3.5-turbo-instruct
                      api_base: %1$s
                      api_key: os.environ/OPENAI_API_KEY
                  - model_name: gpt-err
                    litellm_params:
                      model: openai/gpt-err
                      api_base: %1$s
                      api_key: os.environ/OPENAI_API_KEY
                  - model_name: gpt-slow
                    litellm_params:
                      model: openai/gpt-slow
                      api_base: %1$s
                      api_key: os.environ/OPENAI_API_KEY
                      timeout: 1
                  - model_name: gpt-wrong-key
                    litellm_params:
                      model: openai/gpt-4o-mini
                      api_base: %1$s
                      api_key: sk-CANARY-PROV-wrong-0a1b2c3d4e
                  - model_name: azure-gpt-4o
                    litellm_params:
                      model: azure/prod-gpt4o
                      api_base: %2$s
                      api_version: "2024-10-21"
                      api_key: os.environ/AZURE_API_KEY
                  - model_name: mistral-small
                    litellm_params:
                      model: mistral/mistral-small-latest
                      api_base: %3$s
                  - model_name: groq-llama
                    litellm_params:
                      model: groq/llama-3.3-70b-versatile
                      api_base: %4$s
                  - model_name: deepseek-chat
                    litellm_params:
                      model: deepseek/deepseek-chat
                      api_base: %1$s
                  - model_name: "openai/*"
                    litellm_params:
                      model: "openai/*"
                      api_base: %1$s
                      api_key: os.environ/OPENAI_API_KEY
                litellm_settings:
                  drop_params: true
                  cache: false
                general_settings:
                  master_key: os.environ/LITELLM_MASTER_KEY
                  max_request_size_mb: 1
                """.formatted(openai.baseUrl(), azure.origin(), mistral.baseUrl(), groq.baseUrl());
    }
}
