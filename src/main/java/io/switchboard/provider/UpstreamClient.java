package io.switchboard.provider;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.annotation.PreDestroy;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The one place that calls providers. One shared pool of keep-alive connections serves every
 * deployment. Calls are made with Apache HttpClient's classic (blocking) API on the caller's own
 * thread: the JDK {@code HttpClient}'s blocking send hands each call to its selector and worker threads
 * and back, which the issue 7 benchmark measured at about a fifth of the gateway's CPU per proxied call.
 * Failures become {@link GatewayException}s whose messages name no host: the client learns that the
 * provider failed, not where it lives.
 */
@ApplicationScoped
public class UpstreamClient {
    private static final Timeout CONNECT_TIMEOUT = Timeout.ofSeconds(10);
    /**
     * A pooled connection idle this long is checked before reuse, so one the provider closed is not written to.
     * The check waits up to 1 ms for a byte, so it is not made on busy connections; 2 s is below the shortest
     * keep-alive we know of among self-hosted servers (uvicorn, behind vLLM, closes idle connections after 5 s).
     */
    private static final TimeValue VALIDATE_AFTER_IDLE = TimeValue.ofSeconds(2);
    /** Effectively unbounded, as the JDK client was: concurrency is the router's and the bulkhead's to limit. */
    private static final int MAX_CONNECTIONS = 10_000;
    /** How much of a streamed call's error body is read: enough for any provider's error JSON. */
    private static final int ERROR_BODY_BYTES = 64 * 1024;
    /** The largest declared body length allocated before reading. */
    private static final long EXACT_READ_LIMIT = 1024 * 1024;

    private final CloseableHttpClient http = HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                    // javax.net.ssl.* (a company's trust store) applies, as it did with the JDK client
                    .setTlsSocketStrategy(DefaultClientTlsStrategy.createSystemDefault())
                    .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                    .setMaxConnTotal(MAX_CONNECTIONS)
                    .setMaxConnPerRoute(MAX_CONNECTIONS)
                    .setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).build())
                    .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(CONNECT_TIMEOUT)
                            .setValidateAfterInactivity(VALIDATE_AFTER_IDLE).build())
                    .build())
            // What a provider answers is passed on as it came: no redirects followed, no cookies kept, no
            // transparent decompression (it would buffer streams), no silent retries (the router decides).
            .disableRedirectHandling()
            .disableCookieManagement()
            .disableContentCompression()
            .disableAutomaticRetries()
            .disableAuthCaching()
            .setUserAgent("switchboard")
            .build();

    @Inject
    @Any
    Instance<CredentialSource> credentialSources;

    /** Makes a call and reads the whole response. */
    public UpstreamResponse send(UpstreamRequest request, Duration timeout) {
        HttpUriRequestBase call = toHttpRequest(request, timeout);
        try (var watched = InterruptedCalls.whileBlocked(call::cancel)) {
            return http.execute(call, response -> new UpstreamResponse(response.getCode(), lowerCaseHeaders(response),
                    bodyOf(response.getEntity())));
        } catch (IOException e) {
            throw failure(e, timeout);
        }
    }

    /**
     * A whole response body. With a declared length it is read into one array of that size: HttpClient's
     * {@code EntityUtils.toByteArray} fills a 4 KB buffer and copies it out, three arrays per call (issue 7's
     * allocation profile). A length past {@link #EXACT_READ_LIMIT} is not trusted with an allocation up front.
     */
    static byte[] bodyOf(HttpEntity entity) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        long length = entity.getContentLength();
        try (InputStream in = entity.getContent()) {
            if (in == null) {
                return new byte[0];
            }
            if (length < 0 || length > EXACT_READ_LIMIT) {
                return in.readAllBytes();
            }
            byte[] body = new byte[(int) length];
            int read = in.readNBytes(body, 0, body.length);
            return read == body.length ? body : Arrays.copyOf(body, read);
        }
    }

    /**
     * Opens a streamed call. The returned stream is either an error (a non-2xx response, read whole)
     * or a source of framed events; the caller must close it.
     */
    public UpstreamStream open(UpstreamRequest request, Duration timeout) {
        HttpUriRequestBase call = toHttpRequest(request, timeout);
        ClassicHttpResponse response;
        try (var watched = InterruptedCalls.whileBlocked(call::cancel)) {
            response = http.executeOpen(null, call, null);
        } catch (IOException e) {
            throw failure(e, timeout);
        }
        try {
            Map<String, List<String>> headers = lowerCaseHeaders(response);
            HttpEntity entity = response.getEntity();
            if (response.getCode() < 200 || response.getCode() >= 300) {
                try (response) {
                    byte[] bytes = entity == null ? new byte[0] : entity.getContent().readNBytes(ERROR_BODY_BYTES);
                    if (bytes.length == ERROR_BODY_BYTES) {
                        call.cancel(); // the rest of a long error body is not wanted: drop the connection, do not drain it
                    }
                    return UpstreamStream.failed(new UpstreamResponse(response.getCode(), headers, bytes));
                }
            }
            InputStream body = entity == null ? InputStream.nullInputStream() : entity.getContent();
            return UpstreamStream.open(response.getCode(), headers, new AbortingBody(body, call, response),
                    request.framing());
        } catch (IOException e) {
            call.cancel();
            throw failure(e, timeout);
        }
    }

    private HttpUriRequestBase toHttpRequest(UpstreamRequest request, Duration timeout) {
        HttpUriRequestBase call = new HttpUriRequestBase(request.method(), request.uri());
        // The wait for the provider's first bytes and, after them, for each further read.
        call.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(timeout)).build());
        if (request.body() != null) {
            call.setEntity(new ByteArrayEntity(request.body(), null));
        }
        request.headers().forEach(call::setHeader);
        // The current span (the attempt's, when tracing is on) continues upstream as W3C traceparent;
        // with tracing off there is no valid span and nothing is added.
        W3CTraceContextPropagator.getInstance().inject(Context.current(), call, HttpUriRequestBase::setHeader);
        if (request.credential() != null) {
            credentialSource(request.credential().scheme()).authenticate(request).forEach(call::setHeader);
        }
        return call;
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

    private static Map<String, List<String>> lowerCaseHeaders(HttpResponse response) {
        Map<String, List<String>> headers = new HashMap<>();
        for (Header h : response.getHeaders()) {
            headers.computeIfAbsent(h.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(h.getValue());
        }
        return headers;
    }

    static GatewayException failure(IOException e, Duration timeout) {
        // A connect timeout, and a read that waited longer than the call's timeout for the provider's bytes
        if (e instanceof ConnectTimeoutException || e instanceof SocketTimeoutException) {
            return new GatewayException(ErrorKind.REQUEST_TIMEOUT,
                    "The provider did not answer within " + timeout.toSeconds() + " seconds.", null, "timeout");
        }
        return unreachable();
    }

    private static GatewayException unreachable() {
        return new GatewayException(ErrorKind.UPSTREAM_ERROR, "The provider could not be reached.", null,
                "upstream_unreachable");
    }

    @PreDestroy
    void close() {
        http.close(CloseMode.IMMEDIATE);
    }

    /**
     * A streamed body that gives its connection back to the pool only when read to the end. Closed early
     * (the client went away, a watchdog timed the stream out), the connection is dropped at once: closing
     * the entity's own stream would first read the rest of the provider's answer, which for a model
     * streaming a long reply means waiting for all of it.
     */
    private static final class AbortingBody extends FilterInputStream {
        private final HttpUriRequestBase call;
        private final ClassicHttpResponse response;
        private boolean ended;

        AbortingBody(InputStream body, HttpUriRequestBase call, ClassicHttpResponse response) {
            super(body);
            this.call = call;
            this.response = response;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            ended |= b < 0;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            ended |= n < 0;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (!ended) {
                call.cancel();
            }
            try {
                super.close();
            } finally {
                response.close();
            }
        }
    }
}
