package io.switchboard.provider;

import java.util.regex.Pattern;

/**
 * Makes a provider's error message safe to show a client: providers echo keys ("Incorrect API key
 * provided: sk-...") and name their hosts, and neither may leave the gateway.
 */
public final class ErrorScrubber {
    private static final Pattern KEY_LIKE = Pattern.compile(
            "(?i)\\b(sk|pk|rk|gsk|xai|nvapi|key|api[-_]?key|AIza)[-_A-Za-z0-9]{8,}|\\bBearer\\s+\\S+|\\b[A-Za-z0-9+/_-]{32,}\\b");
    private static final Pattern URL = Pattern.compile("(?i)\\b(https?|wss?)://\\S+");
    private static final Pattern HOST = Pattern.compile(
            "(?i)\\b[a-z0-9-]+(\\.[a-z0-9-]+)*\\.(com|net|org|io|ai|azure|cloud|dev|xyz|internal|local)(:\\d+)?\\b"
                    + "|\\b\\d{1,3}(\\.\\d{1,3}){3}(:\\d+)?\\b|\\blocalhost(:\\d+)?\\b");
    private static final int MAX_LENGTH = 500;

    private ErrorScrubber() {
    }

    /** The message with the deployment's key, anything key-like, URLs and host names removed. */
    public static String scrub(String message, Deployment deployment) {
        if (message == null || message.isBlank()) {
            return null;
        }
        String text = message;
        if (deployment != null && deployment.apiKey() != null && deployment.apiKey().length() >= 4) {
            text = text.replace(deployment.apiKey(), "[redacted]");
        }
        text = URL.matcher(text).replaceAll("[url]");
        text = KEY_LIKE.matcher(text).replaceAll("[redacted]");
        text = HOST.matcher(text).replaceAll("[host]");
        return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "..." : text;
    }
}
