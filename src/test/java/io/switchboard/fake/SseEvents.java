package io.switchboard.fake;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code data:} payloads out of an SSE body (per the WHATWG event-stream rules the SDKs follow: one
 * optional space after the colon, events end at a blank line, several data lines join with "\n", lines starting
 * with ":" are comments). Used by the fakes' self-tests and by gateway tests that read the gateway's streams.
 */
public final class SseEvents {

    private SseEvents() {
    }

    public static List<String> dataPayloads(String body) {
        List<String> payloads = new ArrayList<>();
        StringBuilder data = null;
        for (String line : body.split("\r\n|\r|\n", -1)) {
            if (line.isEmpty()) {
                if (data != null) {
                    payloads.add(data.toString());
                    data = null;
                }
            } else if (line.startsWith("data:")) {
                String value = line.substring(5);
                value = value.startsWith(" ") ? value.substring(1) : value;
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        if (data != null) {
            payloads.add(data.toString());
        }
        return payloads;
    }
}
