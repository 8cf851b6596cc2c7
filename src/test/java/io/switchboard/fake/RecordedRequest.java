package io.switchboard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request as a fake provider received it, so tests can assert what the gateway sent upstream.
 *
 * @param pathAndQuery the raw path plus {@code ?query} if there was one
 * @param headers      case-insensitive names
 * @param body         the parsed JSON body, or null if the body was empty or not JSON
 * @param rawBody      the body as text (UTF-8)
 */
public record RecordedRequest(String method, String pathAndQuery, Map<String, List<String>> headers, JsonNode body,
        String rawBody) {

    static RecordedRequest of(HttpExchange exchange, byte[] rawBody, ObjectMapper json) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
        String query = exchange.getRequestURI().getRawQuery();
        String text = new String(rawBody, StandardCharsets.UTF_8);
        JsonNode body;
        try {
            body = text.isBlank() ? null : json.readTree(text);
        } catch (Exception notJson) {
            body = null;
        }
        return new RecordedRequest(exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query),
                Collections.unmodifiableMap(headers), body, text);
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String path() {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }

    /** The body as an {@code application/x-www-form-urlencoded} form. */
    public Map<String, String> form() {
        return formFields(rawBody);
    }

    /** Form-encoded text as decoded names and values (the last of a repeated name). */
    public static Map<String, String> formFields(String text) {
        Map<String, String> form = new HashMap<>();
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    /** The decoded value of a query parameter, or null if absent. */
    public String queryParam(String name) {
        int q = pathAndQuery.indexOf('?');
        if (q < 0) {
            return null;
        }
        for (String pair : pathAndQuery.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
