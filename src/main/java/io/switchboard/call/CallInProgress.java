package io.switchboard.call;

import io.switchboard.GatewayException;
import io.switchboard.access.Caller;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One LLM call between its arrival and its end. The route that serves it says what it learns
 * (the model asked for, the deployment that answered, the usage) and how it ended; the
 * {@link RequestCompleted} event goes out once, however many paths report an end.
 */
public final class CallInProgress {
    private final String callId;
    private final Caller caller;
    private final String route;
    private final Instant started;
    private final Consumer<RequestCompleted> publisher;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final List<Consumer<RequestCompleted>> endHooks = new CopyOnWriteArrayList<>();
    private volatile String requestedModel;
    private volatile boolean stream;

    CallInProgress(String callId, Caller caller, String route, Instant started, Consumer<RequestCompleted> publisher) {
        this.callId = callId;
        this.caller = caller;
        this.route = route;
        this.started = started;
        this.publisher = publisher;
    }

    /** What the request body asked for, once it has been read. */
    public void requested(String model, boolean streamed) {
        this.requestedModel = model;
        this.stream = streamed;
    }

    /** A complete JSON answer. */
    public void answered(Served served, int retries, int fallbacks, TokenCounts tokens, boolean cacheHit) {
        end(served, retries, fallbacks, tokens, null, Outcome.SUCCESS, 200, null, cacheHit);
    }

    /**
     * A stream that ended: completely, with an error event, or by the client leaving. The status is
     * the 200 the client already received.
     */
    public void streamEnded(Served served, int retries, int fallbacks, TokenCounts tokens, Instant firstChunk,
                            Outcome outcome, String errorType) {
        streamEnded(served, retries, fallbacks, tokens, firstChunk, outcome, errorType, false);
    }

    /** A stream that ended; {@code cacheHit} when it was replayed from the gateway's cache. */
    public void streamEnded(Served served, int retries, int fallbacks, TokenCounts tokens, Instant firstChunk,
                            Outcome outcome, String errorType, boolean cacheHit) {
        end(served, retries, fallbacks, tokens, firstChunk, outcome, 200, errorType, cacheHit);
    }

    /** An error answer before anything else was sent. */
    public void failed(GatewayException error) {
        end(null, 0, 0, TokenCounts.NONE, null, Outcome.FAILED, error.kind().status(), error.kind().type(), false);
    }

    /**
     * Runs {@code hook} when the call ends, however it ends, on the thread that ends it and before
     * observers hear of it: for what must be given back at once, such as a parallel-request slot.
     */
    public void onEnd(Consumer<RequestCompleted> hook) {
        endHooks.add(hook);
    }

    public String callId() {
        return callId;
    }

    public Caller caller() {
        return caller;
    }

    /** When the gateway received the call. */
    public Instant started() {
        return started;
    }

    private void end(Served served, int retries, int fallbacks, TokenCounts tokens, Instant firstChunk,
                     Outcome outcome, int status, String errorType, boolean cacheHit) {
        if (ended.compareAndSet(false, true)) {
            RequestCompleted done = new RequestCompleted(callId, caller, route, requestedModel, served, stream, tokens,
                    started, firstChunk, Instant.now(), outcome, status, errorType, retries, fallbacks, cacheHit);
            for (Consumer<RequestCompleted> hook : endHooks) {
                try {
                    hook.accept(done);
                } catch (RuntimeException e) {
                    Logger.getLogger(CallInProgress.class.getName()).log(Level.WARNING, "An end-of-call hook failed", e);
                }
            }
            publisher.accept(done);
        }
    }
}
