package io.switchboard.access;

/**
 * The authenticated party of a request.
 *
 * @param kind  how it authenticated
 * @param label a display name safe to log (never the key itself, nor its hash)
 * @param key   the virtual key's identity, or null for the master key and development mode
 */
public record Caller(Kind kind, String label, KeyIdentity key) {
    public static final Caller MASTER = new Caller(Kind.MASTER_KEY, "master-key");
    public static final Caller UNAUTHENTICATED_DEVELOPMENT = new Caller(Kind.NO_AUTH_DEVELOPMENT, "no-auth");

    public Caller(Kind kind, String label) {
        this(kind, label, null);
    }

    public static Caller of(KeyIdentity key) {
        return new Caller(Kind.VIRTUAL_KEY, key.keyAlias() != null ? key.keyAlias() : key.keyName(), key);
    }

    /** The master key, development mode, or a key of a {@code proxy_admin} user. */
    public boolean proxyAdmin() {
        return key == null || key.userRole() == UserRole.PROXY_ADMIN;
    }

    /** May read every governance object. */
    public boolean proxyReader() {
        return proxyAdmin() || key.userRole() == UserRole.PROXY_ADMIN_VIEWER;
    }

    public enum Kind {
        MASTER_KEY,
        /** The explicit development mode without a master key: every request is let in. */
        NO_AUTH_DEVELOPMENT,
        VIRTUAL_KEY
    }
}
