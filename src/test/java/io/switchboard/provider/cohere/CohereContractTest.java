package io.switchboard.provider.cohere;

import io.switchboard.provider.AdapterContractTest;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.ProviderAdapter;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** The adapter contract with Cohere v2's wire fixtures (reference §3.6). */
class CohereContractTest extends AdapterContractTest {
    @Override
    protected ProviderAdapter adapter() {
        return new CohereAdapter();
    }

    @Override
    protected Deployment deployment() {
        return new Deployment("d", "group", "cohere", "command-a-03-2025", URI.create("https://api.cohere.com"),
                "co-contract-secret-0001", null, Duration.ofSeconds(5), Duration.ofSeconds(5), Map.of(), null, false);
    }

    @Override
    protected String textResponse() {
        return """
                {"id":"c-1","finish_reason":"COMPLETE","message":{"role":"assistant",
                   "content":[{"type":"text","text":"Hello there"}]},
                 "usage":{"billed_units":{"input_tokens":12,"output_tokens":3},"tokens":{"input_tokens":12,"output_tokens":3}}}""";
    }

    @Override
    protected String toolCallResponse() {
        return """
                {"id":"c-2","finish_reason":"TOOL_CALL","message":{"role":"assistant",
                   "tool_plan":"I will look up the weather.",
                   "tool_calls":[{"id":"get_weather_1","type":"function",
                     "function":{"name":"get_weather","arguments":"{\\"location\\":\\"Paris\\"}"}}]},
                 "usage":{"billed_units":{"input_tokens":20,"output_tokens":9},"tokens":{"input_tokens":20,"output_tokens":9}}}""";
    }

    @Override
    protected String textStream() {
        return """
                event: message-start
                data: {"id":"c-3","type":"message-start","delta":{"message":{"role":"assistant","content":[],"tool_plan":"","tool_calls":[],"citations":[]}}}

                event: content-start
                data: {"type":"content-start","index":0,"delta":{"message":{"content":{"type":"text","text":""}}}}

                event: content-delta
                data: {"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"Hello"}}}}

                event: content-delta
                data: {"type":"content-delta","index":0,"delta":{"message":{"content":{"text":" there"}}}}

                event: content-end
                data: {"type":"content-end","index":0}

                event: message-end
                data: {"type":"message-end","delta":{"finish_reason":"COMPLETE","usage":{"billed_units":{"input_tokens":12,"output_tokens":3},"tokens":{"input_tokens":12,"output_tokens":3}}}}

                data: [DONE]

                """;
    }

    @Override
    protected String errorBody(int status) {
        return switch (status) {
            case 401 -> "{\"id\":\"e-1\",\"message\":\"invalid api token\"}";
            case 429 -> "{\"id\":\"e-2\",\"message\":\"You are using a Trial key, which is limited to 10 API calls / minute.\"}";
            default -> "{\"id\":\"e-3\",\"message\":\"invalid request: message must be at least 1 token long.\"}";
        };
    }
}
