package io.switchboard.provider.ollama;

import io.switchboard.provider.AdapterContractTest;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.ProviderAdapter;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** The adapter contract with Ollama's native wire fixtures (reference §3.7: /api/chat, NDJSON streams). */
class OllamaContractTest extends AdapterContractTest {
    @Override
    protected ProviderAdapter adapter() {
        return new OllamaAdapter();
    }

    @Override
    protected Deployment deployment() {
        return new Deployment("d", "group", "ollama", "llama3.2", URI.create("http://ollama.internal:11434"),
                "ollama-contract-secret-0001", null, Duration.ofSeconds(5), Duration.ofSeconds(5), Map.of(), null,
                false);
    }

    @Override
    protected String textResponse() {
        return """
                {"model":"llama3.2","created_at":"2026-11-24T10:00:00Z","message":{"role":"assistant","content":"Hello there"},
                 "done":true,"done_reason":"stop","total_duration":1000,"prompt_eval_count":12,"eval_count":3}""";
    }

    @Override
    protected String toolCallResponse() {
        return """
                {"model":"llama3.2","created_at":"2026-11-24T10:00:00Z","message":{"role":"assistant","content":"",
                   "tool_calls":[{"function":{"name":"get_weather","arguments":{"location":"Paris"}}}]},
                 "done":true,"done_reason":"stop","prompt_eval_count":20,"eval_count":9}""";
    }

    @Override
    protected String textStream() {
        return "{\"model\":\"llama3.2\",\"created_at\":\"2026-11-24T10:00:00Z\",\"message\":{\"role\":\"assistant\","
                + "\"content\":\"Hello\"},\"done\":false}\n"
                + "{\"model\":\"llama3.2\",\"created_at\":\"2026-11-24T10:00:00Z\",\"message\":{\"role\":\"assistant\","
                + "\"content\":\" there\"},\"done\":false}\n"
                + "{\"model\":\"llama3.2\",\"created_at\":\"2026-11-24T10:00:01Z\",\"message\":{\"role\":\"assistant\","
                + "\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":12,\"eval_count\":3}\n";
    }

    @Override
    protected String errorBody(int status) {
        return switch (status) {
            case 401 -> "{\"error\":\"unauthorized\"}";
            case 429 -> "{\"error\":\"too many requests\"}";
            default -> "{\"error\":\"invalid options\"}";
        };
    }
}
