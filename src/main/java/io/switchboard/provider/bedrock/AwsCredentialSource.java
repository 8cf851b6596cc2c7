package io.switchboard.provider.bedrock;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.provider.CredentialSource;
import io.switchboard.provider.UpstreamClient;
import io.switchboard.provider.UpstreamRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Signs Bedrock calls whose deployment names an identity that takes I/O to turn into keys ({@link AwsIdentity}):
 * a web identity or a role is exchanged at STS ({@link StsClient}), a profile read from the shared files
 * ({@link AwsProfiles}); the request is then signed with SigV4 like any other Bedrock call. Temporary keys are
 * kept until five minutes before STS says they expire, so one AssumeRole serves an hour of calls; keys read from
 * a profile are read again after a minute, so a rotated file is picked up. One fetch per identity at a time: a
 * burst of calls on a cold cache makes one STS call, not one each.
 */
@ApplicationScoped
public class AwsCredentialSource implements CredentialSource {
    static final String SCHEME = "aws-sigv4";
    static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);
    static final Duration PROFILE_REREAD = Duration.ofMinutes(1);

    private record Cached(AwsCredentialsIdentity keys, Instant refreshAt) {
    }

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, Object> fetchLocks = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Function<String, String> env;
    private UpstreamClient upstream;

    public AwsCredentialSource() {
        this(null, Clock.systemUTC(), System::getenv);
    }

    /** With the client STS calls go through, the clock expiry is judged by and the environment profiles come from. */
    AwsCredentialSource(UpstreamClient upstream, Clock clock, Function<String, String> env) {
        this.upstream = upstream;
        this.clock = clock;
        this.env = env;
    }

    @Inject
    void setUpstream(UpstreamClient upstream) {
        this.upstream = upstream;
    }

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public Map<String, String> authenticate(UpstreamRequest request) {
        AwsIdentity identity = AwsIdentity.fromJson(request.credential().material());
        return BedrockAuth.sign(request.uri(), request.headers(), request.body(), keys(identity), BedrockAuth.SERVICE,
                identity.region(), clock);
    }

    AwsCredentialsIdentity keys(AwsIdentity identity) {
        String key = identity.toJson();
        Cached cached = cache.get(key);
        if (cached != null && clock.instant().isBefore(cached.refreshAt())) {
            return cached.keys();
        }
        synchronized (fetchLocks.computeIfAbsent(key, k -> new Object())) {
            cached = cache.get(key);
            if (cached == null || !clock.instant().isBefore(cached.refreshAt())) {
                cached = fetch(identity);
                cache.put(key, cached);
            }
            return cached.keys();
        }
    }

    private Cached fetch(AwsIdentity identity) {
        StsClient sts = new StsClient(upstream, clock);
        if (identity.webIdentity()) {
            return expiring(sts.assumeRoleWithWebIdentity(identity, webIdentityToken(identity.webIdentityToken())));
        }
        if (identity.roleArn() != null) {
            return expiring(sts.assumeRole(identity, identity.roleArn(), identity.sessionNameOrDefault(),
                    identity.externalId(), baseKeys(identity)));
        }
        AwsProfiles.Profile profile = new AwsProfiles(env).read(identity.profile());
        if (profile.roleArn() != null) {
            String session = profile.roleSessionName() != null ? profile.roleSessionName()
                    : identity.sessionNameOrDefault();
            return expiring(sts.assumeRole(identity, profile.roleArn(), session, profile.externalId(),
                    keysOf(profile.source())));
        }
        return new Cached(keysOf(profile), clock.instant().plus(PROFILE_REREAD));
    }

    /** AssumeRole signs with the deployment's static keys, else its profile's. */
    private AwsCredentialsIdentity baseKeys(AwsIdentity identity) {
        if (identity.hasStaticKeys()) {
            return identity.sessionToken() == null
                    ? AwsCredentialsIdentity.create(identity.accessKeyId(), identity.secretAccessKey())
                    : AwsSessionCredentialsIdentity.create(identity.accessKeyId(), identity.secretAccessKey(),
                    identity.sessionToken());
        }
        if (identity.profile() != null) {
            return keysOf(new AwsProfiles(env).read(identity.profile()));
        }
        throw new GatewayException(ErrorKind.UPSTREAM_UNAVAILABLE, "The Bedrock deployment names aws_role_name but"
                + " has no AWS credentials to assume it with: set aws_access_key_id and aws_secret_access_key (or"
                + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), aws_profile_name, or aws_web_identity_token.",
                "model", "no_credentials");
    }

    private static AwsCredentialsIdentity keysOf(AwsProfiles.Profile profile) {
        if (profile.roleArn() != null) {
            throw AwsProfiles.unusable("An AWS source_profile that itself assumes a role is not supported.");
        }
        return profile.sessionToken() == null
                ? AwsCredentialsIdentity.create(profile.accessKeyId(), profile.secretAccessKey())
                : AwsSessionCredentialsIdentity.create(profile.accessKeyId(), profile.secretAccessKey(),
                profile.sessionToken());
    }

    private Cached expiring(StsClient.Temporary temporary) {
        return new Cached(temporary.keys(), temporary.expiration().minus(REFRESH_BEFORE_EXPIRY));
    }

    /**
     * The token itself, or the path of a file holding it (as EKS mounts one, and rotates it: read on every
     * exchange). {@code os.environ/NAME} has already been resolved by the config reader.
     */
    static String webIdentityToken(String given) {
        if (given.startsWith("/") || given.startsWith("file://")) {
            Path path = Path.of(given.startsWith("file://") ? given.substring("file://".length()) : given);
            try {
                return Files.readString(path).strip();
            } catch (IOException | RuntimeException e) {
                throw AwsProfiles.unusable("The web identity token file of a Bedrock deployment could not be read.");
            }
        }
        return given;
    }
}
