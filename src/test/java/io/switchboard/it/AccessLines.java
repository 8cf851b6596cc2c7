package io.switchboard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** A call's access-log line (the {@code RequestCompleted} event as operators see it), waited for. */
final class AccessLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AccessLines() {
    }

    static JsonNode of(GatewayServer server, HttpResponse<?> response) throws Exception {
        String callId = response.headers().firstValue("x-litellm-call-id").orElseThrow();
        String marker = "\"call_id\":\"" + callId + "\"";
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            for (String logLine : server.messagesLog().split("\n")) {
                int at = logLine.indexOf(marker);
                if (at >= 0) {
                    return JSON.readTree(logLine.substring(logLine.lastIndexOf('{', at)));
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no access log line for call " + callId);
    }
}
