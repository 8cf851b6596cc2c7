package io.switchboard.provider.openai;

import io.switchboard.provider.ProviderDefaults;
import java.util.Map;

/**
 * The OpenAI-compatible family: provider prefix → default base URL and the environment variable
 * LiteLLM reads its key from. Adding a compatible provider is one line here.
 */
final class OpenAiCompatibleProviders {
    static final Map<String, ProviderDefaults> TABLE = Map.ofEntries(
            Map.entry("openai", new ProviderDefaults("https://api.openai.com/v1", "OPENAI_API_KEY", true)),
            Map.entry("groq", new ProviderDefaults("https://api.groq.com/openai/v1", "GROQ_API_KEY", true)),
            Map.entry("mistral", new ProviderDefaults("https://api.mistral.ai/v1", "MISTRAL_API_KEY", true)),
            Map.entry("deepseek", new ProviderDefaults("https://api.deepseek.com/v1", "DEEPSEEK_API_KEY", true)),
            Map.entry("together_ai", new ProviderDefaults("https://api.together.xyz/v1", "TOGETHERAI_API_KEY", true)),
            Map.entry("fireworks_ai",
                    new ProviderDefaults("https://api.fireworks.ai/inference/v1", "FIREWORKS_AI_API_KEY", true)),
            Map.entry("openrouter", new ProviderDefaults("https://openrouter.ai/api/v1", "OPENROUTER_API_KEY", true)),
            Map.entry("perplexity", new ProviderDefaults("https://api.perplexity.ai", "PERPLEXITYAI_API_KEY", true)),
            Map.entry("xai", new ProviderDefaults("https://api.x.ai/v1", "XAI_API_KEY", true)),
            Map.entry("cerebras", new ProviderDefaults("https://api.cerebras.ai/v1", "CEREBRAS_API_KEY", true)),
            Map.entry("deepinfra", new ProviderDefaults("https://api.deepinfra.com/v1/openai", "DEEPINFRA_API_KEY", true)),
            Map.entry("nvidia_nim",
                    new ProviderDefaults("https://integrate.api.nvidia.com/v1", "NVIDIA_NIM_API_KEY", true)),
            // Self-hosted servers: no public endpoint, and a key only when the operator set one.
            Map.entry("hosted_vllm", new ProviderDefaults(null, "HOSTED_VLLM_API_KEY", false)),
            Map.entry("lm_studio", new ProviderDefaults("http://localhost:1234/v1", "LM_STUDIO_API_KEY", false)),
            Map.entry("ollama_chat", new ProviderDefaults("http://localhost:11434", "OLLAMA_API_KEY", false)));

    private OpenAiCompatibleProviders() {
    }
}
