package io.switchboard.provider.anthropic;

import io.switchboard.provider.AdapterContractTest;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.ProviderAdapter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The adapter contract with Anthropic's wire fixtures (reference §3.2). */
class AnthropicContractTest extends AdapterContractTest {
    @Override
    protected ProviderAdapter adapter() {
        return new AnthropicAdapter();
    }

    @Override
    protected Deployment deployment() {
        return new Deployment("d", "group", "anthropic", "claude-sonnet-4-5", URI.create("https://api.anthropic.com"),
                "sk-ant-contract-secret-0001", null, Duration.ofSeconds(5), Duration.ofSeconds(5), Map.of(), null,
                false);
    }

    @Override
    protected String textResponse() {
        return """
                {"id":"msg_01A","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
                 "content":[{"type":"text","text":"Hello there"}],"stop_reason":"end_turn","stop_sequence":null,
                 "usage":{"input_tokens":12,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":3}}""";
    }

    @Override
    protected String toolCallResponse() {
        return """
                {"id":"msg_01B","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
                 "content":[{"type":"text","text":"I'll check."},
                            {"type":"tool_use","id":"toolu_01A","name":"get_weather","input":{"location":"Paris"}}],
                 "stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":30,"output_tokens":12}}""";
    }

    @Override
    protected String textStream() {
        return """
                event: message_start
                data: {"type":"message_start","message":{"model":"claude-sonnet-4-5-20250929","id":"msg_01C","type":"message","role":"assistant","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":12,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1}}  }

                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

                event: ping
                data: {"type": "ping"}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}   }

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" there"}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":0             }

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":3}}

                event: message_stop
                data: {"type":"message_stop"               }

                """;
    }

    @Override
    protected String errorBody(int status) {
        String type = switch (status) {
            case 401 -> "authentication_error";
            case 429 -> "rate_limit_error";
            default -> "invalid_request_error";
        };
        return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"refused\"},\"request_id\":\"req_1\"}";
    }

    @Override
    protected Map<String, List<String>> rateLimitHeaders() {
        return Map.of("retry-after", List.of("12"), "anthropic-ratelimit-requests-remaining", List.of("0"));
    }
}
