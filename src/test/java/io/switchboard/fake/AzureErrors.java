package io.switchboard.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Error bodies in classic Azure OpenAI's shape. The gateway-level errors (routing, key, quota) are
 * {@code {"error":{"code":"<string>","message":"…"}}} with the HTTP status as a string code; they carry no
 * {@code type} or {@code param}, unlike OpenAI's (reference §3.5).
 */
public final class AzureErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AzureErrors() {
    }

    public static String of(String code, String message) {
        ObjectNode error = JSON.createObjectNode();
        error.put("code", code);
        error.put("message", message);
        ObjectNode body = JSON.createObjectNode();
        body.set("error", error);
        return body.toString();
    }

    /**
     * Unknown route, and also a request without the {@code api-version} query parameter: Azure answers 404 with
     * this body (MicrosoftDocs/azure-docs issue #114602, "Chat completions API returns 404 if api-version is not
     * present as query param"; the body is quoted in ThinkInAIXYZ/deepchat issue #262).
     */
    public static String resourceNotFound() {
        return of("404", "Resource not found");
    }

    /** A missing or wrong {@code api-key} header (a Bearer header holding the key is not a valid Entra token). */
    public static String accessDenied() {
        return of("401", "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a"
                + " valid key for an active subscription and use a correct regional API endpoint for your resource.");
    }

    public static String deploymentNotFound() {
        return of("DeploymentNotFound", "The API deployment for this resource does not exist. If you created the"
                + " deployment within the last 5 minutes, please wait a moment and try again.");
    }

    /** Azure's body validation speaks JSON-schema (from memory, not verified here): {@code 'messages' is a required property}. */
    public static String validation(String message) {
        ObjectNode error = JSON.createObjectNode();
        error.put("message", message);
        error.put("type", "invalid_request_error");
        error.putNull("param");
        error.putNull("code");
        ObjectNode body = JSON.createObjectNode();
        body.set("error", error);
        return body.toString();
    }

    /** Reference §3.5 (ⓘ): the 429 body names the operation and the wait time in prose. */
    public static String rateLimited(int retryAfterSeconds) {
        return of("429", "Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21"
                + " have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after "
                + retryAfterSeconds + " seconds. Go here for more details: https://aka.ms/oai/quotaincrease if you"
                + " would like to further increase the default rate limit.");
    }

    /** Reference §3.5 (ⓘ): the prompt was blocked by the content filter, 400 with code {@code content_filter}. */
    public static String contentFiltered() {
        return "{\"error\":{\"code\":\"content_filter\",\"message\":\"The response was filtered due to the prompt"
                + " triggering Azure OpenAI's content management policy.\",\"param\":\"prompt\",\"status\":400,"
                + "\"innererror\":{\"code\":\"ResponsibleAIPolicyViolation\",\"content_filter_result\":{"
                + "\"hate\":{\"filtered\":true,\"severity\":\"high\"},\"jailbreak\":{\"filtered\":false,\"detected\":false},"
                + "\"self_harm\":{\"filtered\":false,\"severity\":\"safe\"},\"sexual\":{\"filtered\":false,\"severity\":\"safe\"},"
                + "\"violence\":{\"filtered\":false,\"severity\":\"safe\"}}}}}";
    }
}
