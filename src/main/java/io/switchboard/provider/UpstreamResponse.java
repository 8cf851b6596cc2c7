package io.switchboard.provider;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** A provider's complete HTTP response. Header names are lower case. */
public record UpstreamResponse(int status, Map<String, List<String>> headers, byte[] body) {

    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean successful() {
        return status >= 200 && status < 300;
    }
}
