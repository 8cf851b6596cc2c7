package io.switchboard.provider.bedrock;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Named profiles from the AWS shared files, as the AWS SDKs read them
 * (docs.aws.amazon.com/sdkref/latest/guide/file-format.html): the credentials file
 * ({@code AWS_SHARED_CREDENTIALS_FILE}, else {@code ~/.aws/credentials}, sections {@code [name]}) and the config
 * file ({@code AWS_CONFIG_FILE}, else {@code ~/.aws/config}, sections {@code [profile name]} and {@code [default]});
 * a key in the credentials file wins over the same key in the config file. A profile holds static keys (with an
 * optional {@code aws_session_token}), or a {@code role_arn} to assume with the keys of its {@code source_profile}.
 * SSO and {@code credential_process} profiles are refused with a message that says so.
 */
final class AwsProfiles {
    /** What a profile says; {@code roleArn} set means: assume it with {@code source}'s keys. */
    record Profile(String accessKeyId, String secretAccessKey, String sessionToken, String roleArn,
                   String roleSessionName, String externalId, Profile source) {
        @Override
        public String toString() {
            return "Profile[role=" + (roleArn != null) + "]";
        }
    }

    private final Function<String, String> env;

    AwsProfiles(Function<String, String> env) {
        this.env = env;
    }

    Profile read(String name) {
        return read(name, 0);
    }

    private Profile read(String name, int depth) {
        Map<String, String> keys = new HashMap<>(section(file("AWS_CONFIG_FILE", "config"),
                name.equals("default") ? "default" : "profile " + name));
        keys.putAll(section(file("AWS_SHARED_CREDENTIALS_FILE", "credentials"), name));
        if (keys.isEmpty()) {
            throw unusable("The AWS profile '" + name + "' of a Bedrock deployment was not found.");
        }
        if (keys.containsKey("role_arn")) {
            String source = keys.get("source_profile");
            if (source == null || depth > 3) {
                throw unusable("The AWS profile '" + name + "' assumes a role without a usable source_profile.");
            }
            return new Profile(null, null, null, keys.get("role_arn"), keys.get("role_session_name"),
                    keys.get("external_id"), read(source, depth + 1));
        }
        if (keys.get("aws_access_key_id") == null || keys.get("aws_secret_access_key") == null) {
            throw unusable("The AWS profile '" + name + "' has no aws_access_key_id and aws_secret_access_key"
                    + " (SSO and credential_process profiles are not supported).");
        }
        return new Profile(keys.get("aws_access_key_id"), keys.get("aws_secret_access_key"),
                keys.get("aws_session_token"), null, null, null, null);
    }

    private Path file(String variable, String defaultName) {
        String given = env.apply(variable);
        if (given != null && !given.isBlank()) {
            return Path.of(given.startsWith("~/") ? env.apply("HOME") + given.substring(1) : given);
        }
        String home = env.apply("HOME");
        return Path.of(home == null ? System.getProperty("user.home") : home, ".aws", defaultName);
    }

    /** The {@code key = value} lines of one {@code [section]}; keys lower-cased, as the SDKs compare them. */
    static Map<String, String> section(Path file, String wanted) {
        Map<String, String> keys = new HashMap<>();
        if (!Files.isReadable(file)) {
            return keys;
        }
        String current = null;
        try {
            for (String raw : Files.readAllLines(file)) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                    continue;
                }
                if (line.startsWith("[") && line.endsWith("]")) {
                    current = line.substring(1, line.length() - 1).strip().replaceAll("\\s+", " ");
                } else if (wanted.equals(current) && line.contains("=")) {
                    int eq = line.indexOf('=');
                    keys.put(line.substring(0, eq).strip().toLowerCase(Locale.ROOT), line.substring(eq + 1).strip());
                }
            }
        } catch (IOException e) {
            throw unusable("The AWS shared credentials of a Bedrock deployment could not be read.");
        }
        return keys;
    }

    static GatewayException unusable(String message) {
        return new GatewayException(ErrorKind.UPSTREAM_ERROR, message, null, "upstream_credentials_invalid");
    }
}
