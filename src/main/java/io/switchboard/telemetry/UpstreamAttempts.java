package io.switchboard.telemetry;

import static io.switchboard.telemetry.GenAiAttributes.CHOICE_COUNT;
import static io.switchboard.telemetry.GenAiAttributes.DEPLOYMENT_ID;
import static io.switchboard.telemetry.GenAiAttributes.ERROR_TYPE;
import static io.switchboard.telemetry.GenAiAttributes.FINISH_REASONS;
import static io.switchboard.telemetry.GenAiAttributes.INPUT_TOKENS;
import static io.switchboard.telemetry.GenAiAttributes.MAX_TOKENS;
import static io.switchboard.telemetry.GenAiAttributes.MODEL_GROUP;
import static io.switchboard.telemetry.GenAiAttributes.OPERATION;
import static io.switchboard.telemetry.GenAiAttributes.OUTPUT_TOKENS;
import static io.switchboard.telemetry.GenAiAttributes.PROVIDER;
import static io.switchboard.telemetry.GenAiAttributes.REQUEST_MODEL;
import static io.switchboard.telemetry.GenAiAttributes.RESPONSE_ID;
import static io.switchboard.telemetry.GenAiAttributes.RESPONSE_MODEL;
import static io.switchboard.telemetry.GenAiAttributes.SEED;
import static io.switchboard.telemetry.GenAiAttributes.STREAM;
import static io.switchboard.telemetry.GenAiAttributes.TEMPERATURE;
import static io.switchboard.telemetry.GenAiAttributes.TIME_TO_FIRST_TOKEN;
import static io.switchboard.telemetry.GenAiAttributes.TOP_P;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.switchboard.GatewayException;
import io.switchboard.chat.ChatRequest;
import io.switchboard.chat.ChatResponse;
import io.switchboard.chat.ChatStream;
import io.switchboard.chat.Usage;
import io.switchboard.provider.Deployment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Wraps each upstream attempt of a chat call in a GenAI client span, a child of the gateway
 * request's server span (Liberty's, continuing the client's W3C trace context), and made current
 * while the provider is called so that {@code UpstreamClient} passes it on as {@code traceparent}.
 * It also times the attempt for the per-deployment metrics. A stream's span stays open until the
 * stream ends, so it carries the final usage and finish reasons. When OpenTelemetry is off the
 * tracer is a no-op and only the metrics remain.
 */
@ApplicationScoped
public class UpstreamAttempts {
    @Inject
    Tracer tracer;

    @Inject
    GatewayMetrics metrics;

    /**
     * The GenAI instrumentations' switch for recording prompts and completions on spans, off by
     * default: {@code OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true}.
     */
    @Inject
    @ConfigProperty(name = "otel.instrumentation.genai.capture.message.content", defaultValue = "false")
    boolean captureContent;

    /**
     * Created at start, on a thread of the application: Liberty's OpenTelemetry producer behind the
     * injected tracer needs the application's context when it is first made, and attempts also run on
     * the gateway's own threads (health checks, during-call guardrails), which have none.
     */
    void createdAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        tracer.spanBuilder("switchboard.start"); // makes the tracer; starts no span
    }

    /** One non-streamed attempt: {@code send} calls the provider and returns the canonical answer. */
    public ChatResponse chat(Deployment deployment, ChatRequest request, Supplier<ChatResponse> send) {
        Span span = start(deployment, request);
        return timed(span, deployment, () -> {
            ChatResponse response = send.get();
            if (span.isRecording()) {
                answered(span, response);
            }
            return response;
        });
    }

    /**
     * One attempt of another operation ({@code embeddings}, {@code text_completion}, {@code rerank}): a client
     * span with the GenAI operation, provider and model, timed into the upstream latency metric like a chat
     * attempt. Usage is read by the caller's span from the completed call, not here.
     */
    public <T> T other(Deployment deployment, String operation, Supplier<T> send) {
        return timed(attemptSpan(deployment, operation).startSpan(), deployment, send);
    }

    /** An attempt's span as GenAI names it ({@code "<operation> <model>"}), with what every attempt carries. */
    private SpanBuilder attemptSpan(Deployment deployment, String operation) {
        return tracer.spanBuilder(operation + " " + deployment.upstreamModel())
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(OPERATION, operation)
                .setAttribute(PROVIDER, GenAiAttributes.providerName(deployment.provider()))
                .setAttribute(REQUEST_MODEL, deployment.upstreamModel())
                .setAttribute(MODEL_GROUP, deployment.modelGroup())
                .setAttribute(DEPLOYMENT_ID, deployment.id());
    }

    /** Runs one non-streamed attempt inside its span, timed into the upstream latency; ends the span. */
    private <T> T timed(Span span, Deployment deployment, Supplier<T> send) {
        long began = System.nanoTime();
        boolean ok = false;
        try (Scope ignored = span.makeCurrent()) {
            T value = send.get();
            ok = true;
            return value;
        } catch (RuntimeException e) {
            failed(span, e);
            throw e;
        } finally {
            long nanos = System.nanoTime() - began;
            UpstreamTime.add(nanos);
            metrics.attempted(deployment, nanos, ok, false);
            span.end();
        }
    }

    /**
     * One streamed attempt: {@code open} returns the stream once its first chunk is ready (the time
     * to first token); the span ends when the stream does.
     */
    public ChatStream stream(Deployment deployment, ChatRequest request, Supplier<ChatStream> open) {
        return streamed(start(deployment, request), deployment, open);
    }

    /** A streamed attempt of another operation ({@code text_completion}), traced like a chat stream. */
    public ChatStream otherStream(Deployment deployment, String operation, Supplier<ChatStream> open) {
        return streamed(attemptSpan(deployment, operation).setAttribute(STREAM, true).startSpan(), deployment, open);
    }

    private ChatStream streamed(Span span, Deployment deployment, Supplier<ChatStream> open) {
        long began = System.nanoTime();
        ChatStream stream;
        try (Scope ignored = span.makeCurrent()) {
            stream = open.get();
        } catch (RuntimeException e) {
            long nanos = System.nanoTime() - began;
            UpstreamTime.add(nanos);
            metrics.attempted(deployment, nanos, false, true);
            failed(span, e);
            span.end();
            throw e;
        }
        long firstChunk = System.nanoTime() - began;
        UpstreamTime.add(firstChunk);
        metrics.attempted(deployment, firstChunk, true, true);
        span.setAttribute(TIME_TO_FIRST_TOKEN, firstChunk / 10_000 / 100.0);
        return stream.whenEnded(s -> streamEnded(span, s));
    }

    private Span start(Deployment deployment, ChatRequest request) {
        SpanBuilder builder = attemptSpan(deployment, "chat").setAttribute(STREAM, request.stream());
        if (request.temperature() != null) {
            builder.setAttribute(TEMPERATURE, request.temperature());
        }
        if (request.topP() != null) {
            builder.setAttribute(TOP_P, request.topP());
        }
        Integer maxTokens = request.maxCompletionTokens() != null ? request.maxCompletionTokens() : request.maxTokens();
        if (maxTokens != null) {
            builder.setAttribute(MAX_TOKENS, maxTokens.longValue());
        }
        if (request.seed() != null) {
            builder.setAttribute(SEED, request.seed());
        }
        if (request.n() != null && request.n() != 1) {
            builder.setAttribute(CHOICE_COUNT, request.n().longValue());
        }
        Span span = builder.startSpan();
        if (captureContent && span.isRecording()) {
            span.setAttribute(GenAiAttributes.INPUT_MESSAGES, SpanContent.inputMessages(request.messages()));
        }
        return span;
    }

    private void answered(Span span, ChatResponse response) {
        span.setAttribute(RESPONSE_ID, response.id());
        span.setAttribute(RESPONSE_MODEL, response.model());
        List<String> reasons = new ArrayList<>(response.choices().size());
        response.choices().forEach(c -> reasons.add(c.finishReason()));
        span.setAttribute(FINISH_REASONS, reasons);
        usage(span, response.usage());
        if (captureContent) {
            span.setAttribute(GenAiAttributes.OUTPUT_MESSAGES, SpanContent.outputMessages(response.choices()));
        }
    }

    private static void streamEnded(Span span, ChatStream stream) {
        if (span.isRecording()) {
            if (stream.responseId() != null) {
                span.setAttribute(RESPONSE_ID, stream.responseId());
                span.setAttribute(RESPONSE_MODEL, stream.responseModel());
            }
            span.setAttribute(FINISH_REASONS, stream.finishReasons());
            usage(span, stream.usage());
            if (stream.failure() != null) {
                failed(span, stream.failure());
            }
        }
        span.end();
    }

    private static void usage(Span span, Usage usage) {
        if (usage != null) {
            span.setAttribute(INPUT_TOKENS, (long) usage.promptTokens());
            span.setAttribute(OUTPUT_TOKENS, (long) usage.completionTokens());
        }
    }

    /**
     * Records the error's kind, never its message: an upstream's message may echo what it was sent
     * (a key, a prompt) and its address.
     */
    private static void failed(Span span, RuntimeException e) {
        String type = e instanceof GatewayException g ? (g.code() != null ? g.code() : g.kind().type())
                : e.getClass().getSimpleName();
        span.setAttribute(ERROR_TYPE, type);
        span.setStatus(StatusCode.ERROR);
    }
}
