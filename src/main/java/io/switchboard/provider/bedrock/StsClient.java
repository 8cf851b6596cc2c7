package io.switchboard.provider.bedrock;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.provider.UpstreamClient;
import io.switchboard.provider.UpstreamRequest;
import io.switchboard.provider.UpstreamResponse;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * The two AWS STS actions Bedrock deployments need, over the STS Query API (docs.aws.amazon.com/STS/latest/APIReference):
 * {@code AssumeRole}, signed with SigV4 (service {@code sts}) by the base credentials, and
 * {@code AssumeRoleWithWebIdentity}, which is unsigned: the web identity token is the proof. Both are a form POST
 * ({@code Action=…&Version=2011-06-15&RoleArn=…&RoleSessionName=…}) answered with XML whose {@code Credentials}
 * hold {@code AccessKeyId}, {@code SecretAccessKey}, {@code SessionToken} and {@code Expiration}. Calls go through
 * the one {@link UpstreamClient}. A refusal is a 502 that names neither STS's host, nor the role, nor any key;
 * the log keeps STS's error code for the operator.
 */
final class StsClient {
    private static final Logger LOG = Logger.getLogger(StsClient.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** The region of a regional STS host (sts.eu-west-1.amazonaws.com, vpce-….sts.eu-west-1.vpce.amazonaws.com). */
    private static final Pattern REGIONAL_HOST = Pattern.compile("(?:^|\\.)sts(?:-fips)?\\.([a-z0-9-]+)\\.");

    /** Keys with the time AWS says they stop working. */
    record Temporary(AwsSessionCredentialsIdentity keys, Instant expiration) {
        @Override
        public String toString() {
            return "Temporary[" + expiration + "]";
        }
    }

    private final UpstreamClient upstream;
    private final Clock clock;

    StsClient(UpstreamClient upstream, Clock clock) {
        this.upstream = upstream;
        this.clock = clock;
    }

    Temporary assumeRole(AwsIdentity identity, String roleArn, String sessionName, String externalId,
                         AwsCredentialsIdentity base) {
        Map<String, String> form = form("AssumeRole", roleArn, sessionName);
        if (externalId != null) {
            form.put("ExternalId", externalId);
        }
        URI uri = endpoint(identity);
        byte[] body = encode(form);
        Map<String, String> headers = BedrockAuth.sign(uri, formHeaders(), body, base, "sts",
                signingRegion(uri, identity.region()), clock);
        return call(new UpstreamRequest("POST", uri, headers, body, null));
    }

    Temporary assumeRoleWithWebIdentity(AwsIdentity identity, String token) {
        Map<String, String> form = form("AssumeRoleWithWebIdentity", identity.roleArn(), identity.sessionNameOrDefault());
        form.put("WebIdentityToken", token);
        return call(new UpstreamRequest("POST", endpoint(identity), formHeaders(), encode(form), null));
    }

    /** STS signs in the region its host names; any other endpoint (a proxy, a test) in the deployment's. */
    static String signingRegion(URI endpoint, String region) {
        Matcher m = REGIONAL_HOST.matcher(endpoint.getHost() == null ? "" : endpoint.getHost());
        return m.find() ? m.group(1) : region;
    }

    private Temporary call(UpstreamRequest request) {
        UpstreamResponse response = upstream.send(request, TIMEOUT);
        Document xml = parse(response.body());
        if (response.status() != 200 || xml == null) {
            LOG.warning("STS refused a Bedrock deployment's role: HTTP " + response.status() + ", "
                    + (xml == null ? "unreadable answer" : text(xml.getDocumentElement(), "Code")));
            throw refused();
        }
        NodeList found = xml.getElementsByTagName("Credentials");
        if (found.getLength() == 0) {
            throw refused();
        }
        Element credentials = (Element) found.item(0);
        String keyId = text(credentials, "AccessKeyId");
        String secret = text(credentials, "SecretAccessKey");
        String token = text(credentials, "SessionToken");
        if (keyId == null || secret == null || token == null) {
            throw refused();
        }
        Instant expiration;
        try {
            expiration = Instant.parse(text(credentials, "Expiration"));
        } catch (DateTimeParseException | NullPointerException e) {
            expiration = clock.instant().plus(Duration.ofMinutes(15)); // STS's shortest session, to be safe
        }
        return new Temporary(AwsSessionCredentialsIdentity.create(keyId, secret, token), expiration);
    }

    private static URI endpoint(AwsIdentity identity) {
        String base = identity.stsEndpointOrRegional();
        return URI.create(base.endsWith("/") ? base : base + "/");
    }

    private static Map<String, String> form(String action, String roleArn, String sessionName) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Action", action);
        form.put("Version", "2011-06-15");
        form.put("RoleArn", roleArn);
        form.put("RoleSessionName", sessionName);
        return form;
    }

    private static Map<String, String> formHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        headers.put("Accept", "text/xml");
        return headers;
    }

    private static byte[] encode(Map<String, String> form) {
        StringBuilder out = new StringBuilder();
        form.forEach((name, value) -> out.append(out.isEmpty() ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A DOM of STS's answer with DTDs and external entities off, or null when it is not XML. */
    private static Document parse(byte[] body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setNamespaceAware(false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        } catch (Exception e) {
            return null;
        }
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().strip();
    }

    static GatewayException refused() {
        return new GatewayException(ErrorKind.UPSTREAM_ERROR,
                "The provider refused the gateway's credentials for this model.", null,
                "upstream_authentication_failed");
    }
}
