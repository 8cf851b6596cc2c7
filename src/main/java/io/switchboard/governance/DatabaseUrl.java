package io.switchboard.governance;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A PostgreSQL location from {@code DATABASE_URL}: LiteLLM's {@code postgresql://user:pass@host:port/db}
 * (also {@code postgres://}) or a JDBC URL ({@code jdbc:postgresql://host:port/db?user=..}). The JDBC
 * URL it produces carries no credentials, and {@link #toString()} never shows the password, so the
 * value can be logged.
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {

    /** @return the location, or null when {@code value} is empty (embedded Derby) */
    public static DatabaseUrl parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        if (text.startsWith("jdbc:postgresql:")) {
            return new DatabaseUrl(text, null, null);
        }
        if (!text.startsWith("postgresql://") && !text.startsWith("postgres://")) {
            throw new IllegalArgumentException("DATABASE_URL must be postgresql://user:password@host:port/database"
                    + " or a jdbc:postgresql: URL");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            // The message would quote the URL, password included.
            throw new IllegalArgumentException("DATABASE_URL is not a valid URL", null);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("DATABASE_URL names no host");
        }
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() > 0) {
            jdbc.append(':').append(uri.getPort());
        }
        jdbc.append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
        if (uri.getRawQuery() != null) {
            jdbc.append('?').append(uri.getRawQuery());
        }
        return new DatabaseUrl(jdbc.toString(), user, password);
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Safe to log: the JDBC URL has no credentials unless the operator put them in its query. */
    @Override
    public String toString() {
        int query = jdbcUrl.indexOf('?');
        return (query < 0 ? jdbcUrl : jdbcUrl.substring(0, query)) + (user == null ? "" : " as " + user);
    }
}
