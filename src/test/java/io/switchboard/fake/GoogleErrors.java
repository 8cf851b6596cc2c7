package io.switchboard.fake;

/**
 * Google's error bodies (google.rpc.Status, reference §3.4), as the Generative Language API sends them:
 * {@code {"error":{"code":…,"message":…,"status":…,"details":[…]}}}.
 */
public final class GoogleErrors {
    private GoogleErrors() {
    }

    public static String of(int code, String status, String message) {
        return of(code, status, message, "");
    }

    private static String of(int code, String status, String message, String details) {
        return "{\n  \"error\": {\n    \"code\": " + code + ",\n    \"message\": " + FakeProviderServer.JSON.getNodeFactory()
                .textNode(message) + ",\n    \"status\": \"" + status + "\"" + details + "\n  }\n}\n";
    }

    /** A wrong key: Gemini answers 400 INVALID_ARGUMENT with {@code ErrorInfo.reason: API_KEY_INVALID}. */
    static String apiKeyInvalid() {
        return of(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.",
                ",\n    \"details\": [{\"@type\": \"type.googleapis.com/google.rpc.ErrorInfo\", \"reason\": \"API_KEY_INVALID\","
                        + " \"domain\": \"googleapis.com\", \"metadata\": {\"service\": \"generativelanguage.googleapis.com\"}}]");
    }

    /** No key at all: 403 PERMISSION_DENIED. */
    static String unregisteredCaller() {
        return of(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers (callers without established"
                + " identity). Please use API Key or other form of API consumer identity to call this API.");
    }

    static String invalidArgument(String message) {
        return of(400, "INVALID_ARGUMENT", message);
    }

    static String unknownField(String name, String where) {
        return invalidArgument("Invalid JSON payload received. Unknown name \"" + name + "\"" + where
                + ": Cannot find field.");
    }

    static String modelNotFound(String model) {
        return of(404, "NOT_FOUND", "models/" + model + " is not found for API version v1beta, or is not supported for"
                + " generateContent. Call ListModels to see the list of available models and their supported methods.");
    }

    static String notFound() {
        return of(404, "NOT_FOUND", "Requested entity was not found.");
    }

    /** Quota exhausted, with the {@code RetryInfo} delay Google gives instead of a retry header. */
    public static String resourceExhausted(String retryDelay) {
        return of(429, "RESOURCE_EXHAUSTED", "You exceeded your current quota, please check your plan and billing"
                + " details.", ",\n    \"details\": [{\"@type\": \"type.googleapis.com/google.rpc.QuotaFailure\","
                + " \"violations\": [{\"quotaId\": \"GenerateRequestsPerMinutePerProjectPerModel-FreeTier\"}]},"
                + " {\"@type\": \"type.googleapis.com/google.rpc.RetryInfo\", \"retryDelay\": \"" + retryDelay + "\"}]");
    }

    public static String unavailable() {
        return of(503, "UNAVAILABLE", "The model is overloaded. Please try again later.");
    }
}
