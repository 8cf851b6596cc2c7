package io.switchboard.config;

/**
 * A configuration the gateway cannot start with. The message is written for the operator: it names
 * the file, the 1-based line and the key path, and never contains a secret or a Java stack trace.
 */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
