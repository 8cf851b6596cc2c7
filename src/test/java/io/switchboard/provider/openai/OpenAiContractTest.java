package io.switchboard.provider.openai;

import io.switchboard.provider.AdapterContractTest;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.ProviderAdapter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The adapter contract with OpenAI's wire fixtures (reference §1.6, §3.1). */
public class OpenAiContractTest extends AdapterContractTest {
    @Override
    protected ProviderAdapter adapter() {
        return new OpenAiAdapter();
    }

    @Override
    protected Deployment deployment() {
        return new Deployment("d", "group", "openai", "gpt-4o-mini", URI.create("https://api.openai.com/v1"),
                "sk-contract-secret-0001", null, Duration.ofSeconds(5), Duration.ofSeconds(5), Map.of(), null, false);
    }

    @Override
    protected String textResponse() {
        return """
                {"id":"chatcmpl-1","object":"chat.completion","created":1731000000,"model":"gpt-4o-mini-2024-07-18",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Hello there","refusal":null},
                   "logprobs":null,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":12,"completion_tokens":3,"total_tokens":15}}""";
    }

    @Override
    protected String toolCallResponse() {
        return """
                {"id":"chatcmpl-2","object":"chat.completion","created":1731000000,"model":"gpt-4o-mini-2024-07-18",
                 "choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":null,
                   "tool_calls":[{"id":"call_abc","type":"function",
                     "function":{"name":"get_weather","arguments":"{\\"location\\":\\"Paris\\"}"}}]},
                   "logprobs":null,"finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":20,"completion_tokens":9,"total_tokens":29}}""";
    }

    @Override
    protected String textStream() {
        String head = "{\"id\":\"chatcmpl-3\",\"object\":\"chat.completion.chunk\",\"created\":1731000000,"
                + "\"model\":\"gpt-4o-mini-2024-07-18\",";
        return "data: " + head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                + "\"finish_reason\":null}]}\n\n"
                + "data: " + head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"},\"finish_reason\":null}]}\n\n"
                + "data: " + head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" there\"},\"finish_reason\":null}]}\n\n"
                + "data: " + head + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
                + "data: " + head + "\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,"
                + "\"total_tokens\":15}}\n\n"
                + "data: [DONE]\n\n";
    }

    @Override
    protected String errorBody(int status) {
        return switch (status) {
            case 401 -> "{\"error\":{\"message\":\"Incorrect API key provided.\",\"type\":\"invalid_request_error\","
                    + "\"param\":null,\"code\":\"invalid_api_key\"}}";
            case 429 -> "{\"error\":{\"message\":\"Rate limit reached.\",\"type\":\"requests\",\"param\":null,"
                    + "\"code\":\"rate_limit_exceeded\"}}";
            default -> "{\"error\":{\"message\":\"Invalid value for 'temperature'.\",\"type\":\"invalid_request_error\","
                    + "\"param\":\"temperature\",\"code\":\"invalid_value\"}}";
        };
    }

    @Override
    protected Map<String, List<String>> rateLimitHeaders() {
        return Map.of("retry-after", List.of("7"), "x-ratelimit-remaining-requests", List.of("0"));
    }
}
