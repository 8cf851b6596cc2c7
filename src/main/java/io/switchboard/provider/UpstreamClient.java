package io.switchboard.provider;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place that calls providers. One shared JDK {@link HttpClient} keeps connections warm
 * across requests. Failures become {@link GatewayException}s whose messages name no host: the
 * client learns that the provider failed, not where it lives.
 */
@ApplicationScoped
public class UpstreamClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @Inject
    @Any
    Instance<CredentialSource> credentialSources;

    /** Makes a call and reads the whole response. */
    public UpstreamResponse send(UpstreamRequest request, Duration timeout) {
        try {
            HttpResponse<byte[]> response = http.send(toHttpRequest(request, timeout),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new UpstreamResponse(response.statusCode(), lowerCaseHeaders(response), response.body());
        } catch (IOException e) {
            throw failure(e, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable();
        }
    }

    /**
     * Opens a streamed call. The returned stream is either an error (a non-2xx response, read whole)
     * or a source of framed events; the caller must close it.
     */
    public UpstreamStream open(UpstreamRequest request, Duration timeout) {
        try {
            HttpResponse<InputStream> response = http.send(toHttpRequest(request, timeout),
                    HttpResponse.BodyHandlers.ofInputStream());
            Map<String, List<String>> headers = lowerCaseHeaders(response);
            if (response.statusCode() < 200 || response.statusCode() >= 300) {
                try (InputStream body = response.body()) {
                    byte[] bytes = body.readNBytes(64 * 1024);
                    return UpstreamStream.failed(new UpstreamResponse(response.statusCode(), headers, bytes));
                }
            }
            return UpstreamStream.open(response.statusCode(), headers, response.body(), request.framing());
        } catch (IOException e) {
            throw failure(e, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable();
        }
    }

    private HttpRequest toHttpRequest(UpstreamRequest request, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                .timeout(timeout)
                .method(request.method(), request.body() == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        // Cleartext upstreams (vLLM, Ollama, LM Studio) speak HTTP/1.1: skip the h2c upgrade dance.
        if ("http".equals(request.uri().getScheme())) {
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        request.headers().forEach(builder::header);
        // The current span (the attempt's, when tracing is on) continues upstream as W3C traceparent;
        // with tracing off there is no valid span and nothing is added.
        W3CTraceContextPropagator.getInstance().inject(Context.current(), builder, HttpRequest.Builder::header);
        if (request.credential() != null) {
            credentialSource(request.credential().scheme()).authenticate(request).forEach(builder::setHeader);
        }
        return builder.build();
    }

    private CredentialSource credentialSource(String scheme) {
        for (CredentialSource source : credentialSources) {
            if (source.scheme().equals(scheme)) {
                return source;
            }
        }
        throw new GatewayException(ErrorKind.INTERNAL, "No credential source for this deployment.", null,
                "credential_source_missing");
    }

    private static Map<String, List<String>> lowerCaseHeaders(HttpResponse<?> response) {
        Map<String, List<String>> headers = new HashMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values));
        return headers;
    }

    static GatewayException failure(IOException e, Duration timeout) {
        if (e instanceof HttpTimeoutException) {
            return new GatewayException(ErrorKind.REQUEST_TIMEOUT,
                    "The provider did not answer within " + timeout.toSeconds() + " seconds.", null, "timeout");
        }
        return unreachable();
    }

    private static GatewayException unreachable() {
        return new GatewayException(ErrorKind.UPSTREAM_ERROR, "The provider could not be reached.", null,
                "upstream_unreachable");
    }
}
