package io.switchboard.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.switchboard.fake.BedrockFrames;
import io.switchboard.modelinfo.ModelFacts;
import io.switchboard.provider.AdapterContractTest;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.ProviderAdapter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The adapter contract with Bedrock Converse's wire fixtures (reference §3.3): JSON answers, the
 * binary event stream for ConverseStream, and errors named by {@code __type} (the header's twin).
 * The deployment uses a Bedrock API key and a VPC endpoint as its {@code api_base}.
 */
class BedrockContractTest extends AdapterContractTest {
    @Override
    protected ProviderAdapter adapter() {
        return new BedrockAdapter(Clock.systemUTC());
    }

    @Override
    protected Deployment deployment() {
        Map<String, JsonNode> params = Map.of("aws_region_name", TextNode.valueOf("eu-west-1"));
        return new Deployment("d", "group", "bedrock", "anthropic.claude-3-5-haiku-20241022-v1:0",
                URI.create("https://vpce-0a1b2c3d.bedrock-runtime.eu-west-1.vpce.amazonaws.com"),
                "bedrock-contract-bearer-0001", null, Duration.ofSeconds(5), Duration.ofSeconds(5), params,
                ModelFacts.UNKNOWN, false);
    }

    @Override
    protected String textResponse() {
        return """
                {"output":{"message":{"role":"assistant","content":[{"text":"Hello there"}]}},
                 "stopReason":"end_turn","usage":{"inputTokens":12,"outputTokens":3,"totalTokens":15},
                 "metrics":{"latencyMs":312}}""";
    }

    @Override
    protected String toolCallResponse() {
        return """
                {"output":{"message":{"role":"assistant","content":[{"text":"Let me check."},
                   {"toolUse":{"toolUseId":"tooluse_kZJMlvQmRJ6eAyJE5GIl7Q","name":"get_weather",
                     "input":{"location":"Paris"}}}]}},
                 "stopReason":"tool_use","usage":{"inputTokens":20,"outputTokens":9,"totalTokens":29},
                 "metrics":{"latencyMs":512}}""";
    }

    @Override
    protected byte[] textStreamBytes() {
        return BedrockFrames.concat(
                BedrockFrames.event("messageStart", "{\"role\":\"assistant\",\"p\":\"abcd\"}"),
                BedrockFrames.event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hello\"},\"p\":\"ab\"}"),
                BedrockFrames.event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\" there\"}}"),
                BedrockFrames.event("contentBlockStop", "{\"contentBlockIndex\":0}"),
                BedrockFrames.event("messageStop", "{\"stopReason\":\"end_turn\"}"),
                BedrockFrames.event("metadata", "{\"usage\":{\"inputTokens\":12,\"outputTokens\":3,\"totalTokens\":15},"
                        + "\"metrics\":{\"latencyMs\":280}}"));
    }

    @Override
    protected String errorBody(int status) {
        return switch (status) {
            case 401 -> "{\"__type\":\"UnrecognizedClientException\",\"message\":\"The security token included in the request is invalid.\"}";
            case 429 -> "{\"__type\":\"ThrottlingException\",\"message\":\"Too many requests, please wait before trying again.\"}";
            default -> "{\"__type\":\"ValidationException\",\"message\":\"The model returned the following errors: messages: at least one message is required\"}";
        };
    }
}
