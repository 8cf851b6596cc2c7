package io.switchboard.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.chat.WireJson;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.ErrorScrubber;
import io.switchboard.provider.UpstreamErrors;
import io.switchboard.provider.UpstreamResponse;
import java.util.Locale;

/**
 * Bedrock's errors (restJson1, reference §3.3): the error's name in the {@code x-amzn-ErrorType} header (before
 * any {@code :}), else in the body's {@code __type}, and {@code {"message":"…"}} as the body. Mapped by that name,
 * never by message text; a name this does not know falls back to the status. Bedrock reports a prompt over the
 * context window only as a ValidationException whose text says so: it stays a 400 invalid request here (the
 * router's own prompt-size check against {@code max_input_tokens} is what routes such prompts elsewhere).
 * In-stream exception frames carry the same names in lower camel case ({@code throttlingException}).
 */
final class BedrockErrors {
    private BedrockErrors() {
    }

    static GatewayException fromResponse(UpstreamResponse response, Deployment deployment) {
        String type = errorType(response);
        if (type == null) {
            return UpstreamErrors.fromResponse(response, deployment);
        }
        GatewayException mapped = fromType(type, message(response.body(), deployment), response);
        return mapped != null ? mapped : UpstreamErrors.fromResponse(response, deployment);
    }

    /** An exception frame inside a ConverseStream that had already started. */
    static GatewayException fromStreamException(String type, byte[] payload, Deployment deployment) {
        GatewayException mapped = type == null ? null : fromType(type, message(payload, deployment), null);
        return mapped != null ? mapped : new GatewayException(ErrorKind.UPSTREAM_ERROR,
                "The provider reported an error during the stream.", null, "upstream_stream_error");
    }

    private static GatewayException fromType(String type, String message, UpstreamResponse response) {
        String name = type.toLowerCase(Locale.ROOT);
        return switch (name) {
            case "validationexception" -> new GatewayException(ErrorKind.INVALID_REQUEST,
                    message != null ? message : "The provider rejected the request.", null, "invalid_request");
            case "resourcenotfoundexception" -> new GatewayException(ErrorKind.NOT_FOUND,
                    message != null ? message : "The provider does not know the requested model.", null,
                    "model_not_found");
            case "accessdeniedexception", "unrecognizedclientexception", "invalidsignatureexception",
                    "expiredtokenexception", "incompletesignatureexception", "missingauthenticationtokenexception",
                    "signaturedoesnotmatchexception", "invalidclienttokenidexception" ->
                    new GatewayException(ErrorKind.UPSTREAM_ERROR,
                            "The provider refused the gateway's credentials for this model.", null,
                            "upstream_authentication_failed");
            case "throttlingexception", "toomanyrequestsexception", "modelnotreadyexception",
                    "servicequotaexceededexception" -> new GatewayException(ErrorKind.RATE_LIMITED,
                    "The provider is rate limiting requests for this model; retry later.", null,
                    "rate_limit_exceeded", response == null ? null : UpstreamErrors.retryAfter(response));
            case "modeltimeoutexception" -> new GatewayException(ErrorKind.REQUEST_TIMEOUT,
                    "The provider timed out.", null, "timeout");
            case "serviceunavailableexception" -> new GatewayException(ErrorKind.UPSTREAM_UNAVAILABLE,
                    "The provider is temporarily unavailable; retry later.", null, "upstream_unavailable",
                    response == null ? null : UpstreamErrors.retryAfter(response));
            case "internalserverexception", "modelerrorexception", "modelstreamerrorexception" ->
                    new GatewayException(ErrorKind.UPSTREAM_ERROR, "The provider failed to answer.", null,
                            "upstream_error");
            default -> null;
        };
    }

    /** {@code x-amzn-ErrorType: ValidationException:http://internal.amazon.com/...} → ValidationException. */
    static String errorType(UpstreamResponse response) {
        String type = response.header("x-amzn-errortype");
        if (type == null || type.isBlank()) {
            try {
                JsonNode root = WireJson.MAPPER.readTree(response.body());
                type = root == null ? null : root.path("__type").asText(null);
            } catch (Exception notJson) {
                return null;
            }
        }
        if (type == null || type.isBlank()) {
            return null;
        }
        int colon = type.indexOf(':');
        type = colon >= 0 ? type.substring(0, colon) : type;
        int hash = type.lastIndexOf('#'); // __type may be namespaced: com.amazon.coral.service#ThrottlingException
        return hash >= 0 ? type.substring(hash + 1) : type;
    }

    /** The body's {@code message} (or {@code Message}), scrubbed, with the deployment's AWS key id removed too. */
    private static String message(byte[] body, Deployment deployment) {
        String text;
        try {
            JsonNode root = WireJson.MAPPER.readTree(body);
            JsonNode message = root == null ? null : root.has("message") ? root.get("message") : root.get("Message");
            text = message == null || !message.isTextual() ? null : message.textValue();
        } catch (Exception notJson) {
            return null;
        }
        String keyId = BedrockAuth.param(deployment, "aws_access_key_id");
        if (text != null && keyId != null && keyId.length() >= 4) {
            text = text.replace(keyId, "[redacted]");
        }
        return ErrorScrubber.scrub(text, deployment);
    }
}
