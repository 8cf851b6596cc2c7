package io.switchboard.provider.gemini;

/**
 * Tool-call ids for Gemini's {@code functionCall}s, which have none on Gemini 2.x while OpenAI clients need one to
 * pair each tool result with its call. The id is derived, never random, so a replay gives the same stream:
 * {@code gcall_<n>_<name>}, where {@code n} counts the calls of one choice. What Gemini 3 wants echoed on the next
 * turn (ai.google.dev/gemini-api/docs/thought-signatures) rides along: its own {@code functionCall.id} after
 * {@code ~id~}, the part's {@code thoughtSignature} after {@code ~ts~}. Function names and Gemini's ids contain no
 * {@code ~} and base64 has none, so every piece reads back unambiguously.
 */
final class ToolCallIds {
    private static final String PREFIX = "gcall_";
    private static final String ID = "~id~";
    private static final String SIGNATURE = "~ts~";

    private ToolCallIds() {
    }

    static String of(int n, String name, String geminiId, String thoughtSignature) {
        StringBuilder id = new StringBuilder(PREFIX).append(n).append('_').append(name);
        if (geminiId != null && !geminiId.isEmpty()) {
            id.append(ID).append(geminiId);
        }
        if (thoughtSignature != null && !thoughtSignature.isEmpty()) {
            id.append(SIGNATURE).append(thoughtSignature);
        }
        return id.toString();
    }

    /** The signature carried by an id this class made, or null. */
    static String thoughtSignature(String id) {
        return piece(id, SIGNATURE);
    }

    /** Gemini's own call id carried by an id this class made, or null. */
    static String geminiId(String id) {
        return piece(id, ID);
    }

    /** The function name in an id this class made, or null (for a client's own ids). */
    static String functionName(String id) {
        if (id == null || !id.startsWith(PREFIX)) {
            return null;
        }
        int underscore = id.indexOf('_', PREFIX.length());
        if (underscore < 0) {
            return null;
        }
        int end = id.indexOf('~', underscore);
        String name = id.substring(underscore + 1, end < 0 ? id.length() : end);
        return name.isEmpty() ? null : name;
    }

    private static String piece(String id, String marker) {
        if (id == null || !id.startsWith(PREFIX)) {
            return null;
        }
        int at = id.indexOf(marker);
        if (at < 0) {
            return null;
        }
        int start = at + marker.length();
        int end = id.indexOf('~', start);
        return id.substring(start, end < 0 ? id.length() : end);
    }
}
