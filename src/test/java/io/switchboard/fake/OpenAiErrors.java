package io.switchboard.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Error bodies in OpenAI's shape, {@code {"error":{"message","type","param","code"}}} with all four keys always
 * present (reference §3.1). The messages are the ones the real API sends, so a gateway that relays upstream text
 * would be caught by tests that look for it.
 */
public final class OpenAiErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenAiErrors() {
    }

    public static String of(String message, String type, String param, String code) {
        ObjectNode error = JSON.createObjectNode();
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        ObjectNode body = JSON.createObjectNode();
        body.set("error", error);
        return body.toString();
    }

    /**
     * Real OpenAI masks the key ({@code sk-ab***yz}). This fake deliberately echoes the FULL key it received, so
     * gateway tests can prove that neither the upstream body nor the upstream key ever reaches a client.
     */
    public static String invalidApiKey(String receivedKey) {
        return of("Incorrect API key provided: " + receivedKey
                + ". You can find your API key at https://platform.openai.com/account/api-keys.",
                "invalid_request_error", null, "invalid_api_key");
    }

    /** What OpenAI answers when there is no {@code Authorization: Bearer} header at all (code is null there). */
    public static String missingApiKey() {
        return of("You didn't provide an API key. You need to provide your API key in an Authorization header using"
                + " Bearer auth (i.e. Authorization: Bearer YOUR_KEY). You can obtain an API key from"
                + " https://platform.openai.com/account/api-keys.", "invalid_request_error", null, null);
    }

    public static String unparseableJson() {
        return of("We could not parse the JSON body of your request. (HINT: This likely means you aren't using your"
                + " HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
                "invalid_request_error", null, null);
    }

    public static String missingModel() {
        return of("you must provide a model parameter", "invalid_request_error", null, null);
    }

    public static String missingParameter(String param) {
        return of("Missing required parameter: '" + param + "'.", "invalid_request_error", param,
                "missing_required_parameter");
    }

    public static String emptyArray(String param) {
        return of("Invalid '" + param + "': empty array. Expected an array with minimum length 1, but got an empty"
                + " array instead.", "invalid_request_error", param, "empty_array");
    }

    public static String invalidValue(String param, String message) {
        return of(message, "invalid_request_error", param, "invalid_value");
    }

    public static String modelNotFound(String model) {
        return of("The model `" + model + "` does not exist or you do not have access to it.",
                "invalid_request_error", null, "model_not_found");
    }

    public static String invalidUrl(String method, String path) {
        return of("Invalid URL (" + method + " " + path + ")", "invalid_request_error", null, null);
    }

    public static String rateLimited(String model, int retryAfterSeconds) {
        return of("Rate limit reached for " + model + " in organization org-fake on requests per min (RPM): Limit 500,"
                + " Used 500, Requested 1. Please try again in " + retryAfterSeconds + "s. Visit"
                + " https://platform.openai.com/account/rate-limits to learn more.", "requests", null,
                "rate_limit_exceeded");
    }

    public static String serverError() {
        return of("The server had an error while processing your request. Sorry about that!", "server_error", null,
                null);
    }

    public static String overloaded() {
        return of("The engine is currently overloaded, please try again later.", "server_error", null, null);
    }
}
