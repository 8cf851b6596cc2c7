package io.switchboard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Plain {@code java.net.http} calls to a fake over loopback, for the fakes' self-tests. */
final class LoopbackHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    private LoopbackHttp() {
    }

    /** POSTs {@code body} with the given header name/value pairs. */
    static HttpResponse<String> post(String url, String body, String... headers) throws IOException, InterruptedException {
        return send(request(url, headers).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static HttpResponse<String> get(String url, String... headers) throws IOException, InterruptedException {
        return send(request(url, headers).GET());
    }

    static HttpRequest.Builder request(String url, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request;
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    /** The JSON events of an SSE body, after checking that it ends with exactly one {@code [DONE]}. */
    static List<JsonNode> chunks(String sseBody) {
        List<String> events = SseEvents.dataPayloads(sseBody);
        if (events.isEmpty() || !events.get(events.size() - 1).equals("[DONE]") || events.indexOf("[DONE]") != events.size() - 1) {
            throw new AssertionError("stream must end with a single data: [DONE]: " + events);
        }
        List<JsonNode> chunks = new ArrayList<>();
        events.subList(0, events.size() - 1).forEach(event -> chunks.add(json(event)));
        return chunks;
    }
}
