package io.switchboard.provider.gemini;

import io.switchboard.provider.AdapterContractTest;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.ProviderAdapter;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** The adapter contract with Gemini's wire fixtures (reference §3.4). */
public class GeminiContractTest extends AdapterContractTest {
    @Override
    protected ProviderAdapter adapter() {
        return new GeminiAdapter();
    }

    @Override
    protected Deployment deployment() {
        return new Deployment("d", "group", "gemini", "gemini-2.5-flash",
                URI.create("https://generativelanguage.googleapis.com"), "AIzaContractSecret0001", null,
                Duration.ofSeconds(5), Duration.ofSeconds(5), Map.of(), null, false);
    }

    @Override
    protected String textResponse() {
        return """
                {"candidates":[{"content":{"role":"model","parts":[{"text":"Hello there"}]},"finishReason":"STOP","index":0}],
                 "usageMetadata":{"promptTokenCount":12,"candidatesTokenCount":3,"totalTokenCount":15},
                 "modelVersion":"gemini-2.5-flash","responseId":"resp-1"}""";
    }

    @Override
    protected String toolCallResponse() {
        return """
                {"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"name":"get_weather",
                   "args":{"location":"Paris"}}}]},"finishReason":"STOP","index":0}],
                 "usageMetadata":{"promptTokenCount":20,"candidatesTokenCount":5,"totalTokenCount":25},
                 "modelVersion":"gemini-2.5-flash","responseId":"resp-2"}""";
    }

    @Override
    protected String textStream() {
        return "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hello\"}]},\"index\":0}],"
                + "\"usageMetadata\":{\"promptTokenCount\":12,\"totalTokenCount\":12},\"modelVersion\":\"gemini-2.5-flash\","
                + "\"responseId\":\"resp-3\"}\r\n\r\n"
                + "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\" there\"}]},"
                + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":12,"
                + "\"candidatesTokenCount\":3,\"totalTokenCount\":15},\"modelVersion\":\"gemini-2.5-flash\","
                + "\"responseId\":\"resp-3\"}\r\n\r\n";
    }

    @Override
    protected String errorBody(int status) {
        return switch (status) {
            case 401 -> "{\"error\":{\"code\":401,\"message\":\"API key not valid.\",\"status\":\"UNAUTHENTICATED\"}}";
            case 429 -> "{\"error\":{\"code\":429,\"message\":\"Quota exceeded.\",\"status\":\"RESOURCE_EXHAUSTED\","
                    + "\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"34s\"}]}}";
            default -> "{\"error\":{\"code\":400,\"message\":\"Invalid JSON payload.\",\"status\":\"INVALID_ARGUMENT\"}}";
        };
    }

    @Override
    protected boolean rateLimitSaysWhenToRetry() {
        return true;
    }
}
