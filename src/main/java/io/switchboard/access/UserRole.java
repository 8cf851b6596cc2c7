package io.switchboard.access;

/** LiteLLM's proxy-wide user roles. */
public enum UserRole {
    PROXY_ADMIN("proxy_admin"),
    PROXY_ADMIN_VIEWER("proxy_admin_viewer"),
    INTERNAL_USER("internal_user"),
    INTERNAL_USER_VIEWER("internal_user_viewer");

    private final String wire;

    UserRole(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** @return the role, or null when {@code text} names none */
    public static UserRole of(String text) {
        for (UserRole role : values()) {
            if (role.wire.equals(text)) {
                return role;
            }
        }
        return null;
    }
}
