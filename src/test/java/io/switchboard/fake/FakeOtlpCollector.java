package io.switchboard.fake;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * An OpenTelemetry collector for tests: OTLP/HTTP with protobuf bodies ({@code POST /v1/traces}), the
 * protocol Liberty's exporter speaks by default, decoded by hand from the OTLP schema
 * (opentelemetry-proto {@code trace/v1/trace.proto}, {@code common/v1/common.proto}). Other signals
 * are accepted and ignored.
 */
public final class FakeOtlpCollector implements AutoCloseable {
    private final HttpServer server;
    private final List<Span> spans = new CopyOnWriteArrayList<>();
    private final List<RuntimeException> problems = new CopyOnWriteArrayList<>();

    /** One received span; attribute values are String, Boolean, Long, Double or List. */
    public record Span(String traceId, String spanId, String parentSpanId, String name, int kind,
                       Map<String, Object> attributes, int statusCode, String serviceName) {
        public Object attr(String key) {
            return attributes.get(key);
        }

        public static final int KIND_SERVER = 2;
        public static final int KIND_CLIENT = 3;
        public static final int STATUS_ERROR = 2;
    }

    private FakeOtlpCollector(HttpServer server) {
        this.server = server;
    }

    public static FakeOtlpCollector start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FakeOtlpCollector collector = new FakeOtlpCollector(server);
            server.createContext("/", exchange -> {
                int status = 200;
                try (InputStream in = exchange.getRequestBody()) {
                    byte[] body = in.readAllBytes();
                    if (exchange.getRequestURI().getPath().equals("/v1/traces")) {
                        collector.spans.addAll(decodeTraces(body));
                    }
                } catch (RuntimeException e) {
                    collector.problems.add(e);
                    status = 400;
                }
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            return collector;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Export requests that could not be decoded. */
    public List<RuntimeException> problems() {
        return List.copyOf(problems);
    }

    public List<Span> spans() {
        return List.copyOf(spans);
    }

    /** Waits (the exporter batches) until {@code count} spans match. */
    public List<Span> await(Predicate<Span> filter, int count, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (true) {
            List<Span> found = spans.stream().filter(filter).toList();
            if (found.size() >= count || Instant.now().isAfter(deadline)) {
                return found;
            }
            Thread.sleep(100);
        }
    }

    /** ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; } */
    static List<Span> decodeTraces(byte[] body) {
        List<Span> result = new ArrayList<>();
        ProtobufReader request = new ProtobufReader(body);
        while (request.next()) {
            if (request.field() == 1) {
                resourceSpans(request.message(), result);
            } else {
                request.skip();
            }
        }
        return result;
    }

    /** ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; } */
    private static void resourceSpans(ProtobufReader r, List<Span> out) {
        String service = null;
        List<ProtobufReader> scopes = new ArrayList<>();
        while (r.next()) {
            if (r.field() == 1) {
                ProtobufReader resource = r.message();
                Map<String, Object> attributes = new LinkedHashMap<>();
                while (resource.next()) {
                    if (resource.field() == 1) {
                        keyValue(resource.message(), attributes);
                    } else {
                        resource.skip();
                    }
                }
                service = (String) attributes.get("service.name");
            } else if (r.field() == 2) {
                scopes.add(r.message());
            } else {
                r.skip();
            }
        }
        for (ProtobufReader scope : scopes) {
            while (scope.next()) {
                if (scope.field() == 2) {
                    out.add(span(scope.message(), service));
                } else {
                    scope.skip();
                }
            }
        }
    }

    /** Span { trace_id 1; span_id 2; parent_span_id 4; name 5; kind 6; attributes 9; status 15 } */
    private static Span span(ProtobufReader r, String service) {
        String traceId = "";
        String spanId = "";
        String parent = "";
        String name = "";
        int kind = 0;
        int status = 0;
        Map<String, Object> attributes = new LinkedHashMap<>();
        while (r.next()) {
            switch (r.field()) {
                case 1 -> traceId = r.hex();
                case 2 -> spanId = r.hex();
                case 4 -> parent = r.hex();
                case 5 -> name = r.string();
                case 6 -> kind = (int) r.varint();
                case 9 -> keyValue(r.message(), attributes);
                case 15 -> {
                    ProtobufReader s = r.message();
                    while (s.next()) {
                        if (s.field() == 3) {
                            status = (int) s.varint();
                        } else {
                            s.skip();
                        }
                    }
                }
                default -> r.skip();
            }
        }
        return new Span(traceId, spanId, parent, name, kind, attributes, status, service);
    }

    /** KeyValue { string key = 1; AnyValue value = 2; } */
    private static void keyValue(ProtobufReader r, Map<String, Object> into) {
        String key = null;
        Object value = null;
        while (r.next()) {
            if (r.field() == 1) {
                key = r.string();
            } else if (r.field() == 2) {
                value = anyValue(r.message());
            } else {
                r.skip();
            }
        }
        into.put(key, value);
    }

    /** AnyValue { string 1; bool 2; int64 3; double 4; ArrayValue 5 { repeated AnyValue values = 1; } } */
    private static Object anyValue(ProtobufReader r) {
        Object value = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> value = r.string();
                case 2 -> value = r.varint() != 0;
                case 3 -> value = r.varint();
                case 4 -> value = Double.longBitsToDouble(r.fixed64());
                case 5 -> {
                    List<Object> values = new ArrayList<>();
                    ProtobufReader array = r.message();
                    while (array.next()) {
                        if (array.field() == 1) {
                            values.add(anyValue(array.message()));
                        } else {
                            array.skip();
                        }
                    }
                    value = values;
                }
                default -> r.skip();
            }
        }
        return value;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
