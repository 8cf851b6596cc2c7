package io.switchboard.it;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import java.time.Duration;

/** The official openai-java SDK pointed at the gateway, with retries off so each test sees one call. */
final class SdkClients {
    private SdkClients() {
    }

    static OpenAIClient openai(TestGateway gateway) {
        return openai(gateway, TestGateway.MASTER_KEY);
    }

    static OpenAIClient openai(TestGateway gateway, String key) {
        return openai(gateway.baseUrl(), key);
    }

    static OpenAIClient openai(String baseUrl, String key) {
        return OpenAIOkHttpClient.builder()
                .apiKey(key)
                .baseUrl(baseUrl + "/v1")
                .maxRetries(0)
                .timeout(Duration.ofSeconds(30))
                .build();
    }
}
