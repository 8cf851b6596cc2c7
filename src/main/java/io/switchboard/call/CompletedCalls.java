package io.switchboard.call;

import io.switchboard.access.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the record of each LLM call and publishes its {@link RequestCompleted} asynchronously, so
 * observers (spend, metrics, logs, callbacks) run off the request thread.
 */
@ApplicationScoped
public class CompletedCalls {
    private static final Logger LOG = Logger.getLogger(CompletedCalls.class.getName());

    @Inject
    Event<RequestCompleted> completed;

    public CallInProgress begin(String callId, Caller caller, String route, Instant started) {
        return new CallInProgress(callId, caller, route, started, this::publish);
    }

    /**
     * Synchronous observers first, on the request thread while its trace span is still open (tracing
     * annotates it there; they must be cheap and their failure never reaches the client), then the
     * asynchronous ones, where all real work belongs.
     */
    private void publish(RequestCompleted call) {
        try {
            completed.fire(call);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A synchronous observer of a completed call failed: " + e.getClass().getName());
        }
        completed.fireAsync(call);
    }
}
