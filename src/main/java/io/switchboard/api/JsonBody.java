package io.switchboard.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.chat.WireJson;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Reads a request body as JSON within a size limit. The limit is checked against
 * {@code Content-Length} before reading and against the bytes actually read, so a lying or absent
 * length cannot make the gateway buffer more than the limit.
 */
final class JsonBody {
    private JsonBody() {
    }

    /** The body of a servlet request, with its declared type and length. */
    static JsonNode read(HttpServletRequest http, long maxBytes) {
        InputStream in;
        try {
            in = http.getInputStream();
        } catch (IOException e) {
            throw unreadable();
        }
        return read(in, http.getContentType(), http.getHeader("Content-Length"), maxBytes);
    }

    static JsonNode read(InputStream in, String contentType, String contentLength, long maxBytes) {
        checkContentType(contentType);
        long declared = -1;
        if (contentLength != null) {
            try {
                declared = Long.parseLong(contentLength.trim());
            } catch (NumberFormatException e) {
                throw new GatewayException(ErrorKind.INVALID_REQUEST, "Invalid Content-Length header.", null,
                        "invalid_content_length");
            }
            if (declared > maxBytes) {
                throw tooLarge(maxBytes);
            }
        }
        byte[] bytes;
        try {
            // With a declared length, one array of exactly that size; otherwise read up to the limit and one
            // byte more to detect an oversized chunked body (readNBytes grows its buffer 8 KB at a time).
            bytes = declared >= 0 ? in.readNBytes((int) declared)
                    : in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException e) {
            throw unreadable();
        }
        if (bytes.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        if (bytes.length == 0) {
            throw new GatewayException(ErrorKind.INVALID_REQUEST, "The request body is empty; send a JSON object.",
                    null, "empty_body");
        }
        try {
            return WireJson.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new GatewayException(ErrorKind.INVALID_REQUEST, "We could not parse the JSON body of your request."
                    + " (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API"
                    + " expects a JSON payload.)", null, "invalid_json");
        }
    }

    /**
     * JSON is accepted whatever the declared type, except types that say the body is something else:
     * curl's default form type is allowed because {@code curl -d '{...}'} is how most people try a gateway.
     */
    private static void checkContentType(String contentType) {
        if (contentType == null) {
            return;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/") || type.startsWith("image/") || type.startsWith("audio/")
                || type.startsWith("video/") || type.startsWith("application/xml") || type.startsWith("text/xml")
                || type.startsWith("application/octet-stream")) {
            throw new GatewayException(ErrorKind.UNSUPPORTED_MEDIA_TYPE,
                    "Unsupported Content-Type '" + contentType.split(";")[0] + "': send application/json.", null,
                    "unsupported_media_type");
        }
    }

    private static GatewayException unreadable() {
        return new GatewayException(ErrorKind.INVALID_REQUEST, "The request body could not be read.", null,
                "unreadable_body");
    }

    private static GatewayException tooLarge(long maxBytes) {
        return new GatewayException(ErrorKind.PAYLOAD_TOO_LARGE, "The request body is larger than the gateway's"
                + " limit of " + maxBytes + " bytes.", null, "request_too_large");
    }
}
