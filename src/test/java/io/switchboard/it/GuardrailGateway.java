package io.switchboard.it;

import io.switchboard.fake.FakeGuardrailService;
import io.switchboard.fake.FakeOpenAi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

/**
 * A gateway with one guardrail of every built-in kind configured (as LiteLLM's {@code guardrails:} list),
 * a fake OpenAI that records what it receives, and fake Presidio/Lakera services (one prompt, one
 * three seconds slow). Shared by the guardrail ITs of a run.
 */
final class GuardrailGateway {
    static final String MASTER_KEY = "sk-master-CANARY-guard-77a1";
    static final String OPENAI_KEY = "sk-CANARY-PROV-openai-guard-3c9e";
    static final String LAKERA_KEY = "lk-CANARY-guard-5d2b";
    static final Duration SLOW = Duration.ofSeconds(3);

    private static GuardrailGateway instance;

    final FakeOpenAi openai;
    final FakeGuardrailService services;
    final FakeGuardrailService slowServices;
    final GatewayServer server;

    private GuardrailGateway() throws IOException {
        openai = FakeOpenAi.start(0, OPENAI_KEY);
        services = FakeGuardrailService.start(Duration.ZERO, LAKERA_KEY);
        slowServices = FakeGuardrailService.start(SLOW, LAKERA_KEY);
        server = GatewayServer.start("guardrails", config(), Map.of("LITELLM_MASTER_KEY", MASTER_KEY,
                "OPENAI_API_KEY", OPENAI_KEY, "LAKERA_API_KEY", LAKERA_KEY));
        System.out.println("[switchboard-it] guardrail gateway answered after " + server.startupTime().toMillis() + " ms");
    }

    static synchronized GuardrailGateway get() {
        if (instance == null) {
            try {
                instance = new GuardrailGateway();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    String baseUrl() {
        return server.baseUrl();
    }

    private String config() {
        return """
                model_list:
                  - model_name: gpt-4o-mini
                    litellm_params: {model: openai/gpt-4o-mini, api_base: %1$s, api_key: os.environ/OPENAI_API_KEY}
                  - model_name: gpt-3.5-turbo-instruct
                    litellm_params: {model: openai/gpt-3.5-turbo-instruct, api_base: %1$s, api_key: os.environ/OPENAI_API_KEY}
                guardrails:
                  - guardrail_name: pii-mask
                    litellm_params: {guardrail: pii, mode: [pre_call, post_call], output_parse_pii: true}
                  - guardrail_name: pii-block
                    litellm_params:
                      guardrail: pii
                      mode: pre_call
                      pii_entities_config: {CREDIT_CARD: BLOCK, EMAIL_ADDRESS: MASK}
                  - guardrail_name: secrets
                    litellm_params: {guardrail: hide-secrets, mode: pre_call}
                  - guardrail_name: banned-words
                    litellm_params:
                      guardrail: litellm_content_filter
                      mode: pre_call
                      blocked_words: [{keyword: project falcon, action: BLOCK}]
                      patterns: [{pattern_type: regex, name: employee_id, pattern: "EMP-[0-9]{6}", action: MASK}]
                  - guardrail_name: banned-answer
                    litellm_params: {guardrail: litellm_content_filter, mode: post_call, blocked_words: [forbidden]}
                  - guardrail_name: injection
                    litellm_params: {guardrail: prompt_injection, mode: pre_call}
                  - guardrail_name: max-size
                    litellm_params: {guardrail: max_input_size, mode: pre_call, default_on: true, max_input_chars: 4000}
                  - guardrail_name: presidio
                    litellm_params:
                      guardrail: presidio
                      mode: pre_call
                      presidio_analyzer_api_base: %2$s
                      presidio_anonymizer_api_base: %2$s
                  - guardrail_name: lakera
                    litellm_params: {guardrail: lakera_v2, mode: pre_call, api_base: %2$s, api_key: os.environ/LAKERA_API_KEY}
                  - guardrail_name: lakera-during
                    litellm_params: {guardrail: lakera_v2, mode: during_call, api_base: %2$s, api_key: os.environ/LAKERA_API_KEY}
                  - guardrail_name: lakera-slow-open
                    litellm_params:
                      guardrail: lakera_v2
                      mode: pre_call
                      api_base: %3$s
                      api_key: os.environ/LAKERA_API_KEY
                      timeout: 0.5
                      unreachable_fallback: fail_open
                  - guardrail_name: lakera-slow-closed
                    litellm_params:
                      guardrail: lakera_v2
                      mode: pre_call
                      api_base: %3$s
                      api_key: os.environ/LAKERA_API_KEY
                      timeout: 0.5
                """.formatted(openai.baseUrl(), services.origin(), slowServices.origin());
    }
}
