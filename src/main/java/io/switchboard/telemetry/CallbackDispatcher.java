package io.switchboard.telemetry;

import io.switchboard.call.RequestCompleted;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands each finished call to every enabled {@link CallCallback}, each through its own bounded queue
 * and daemon worker thread. Offering never blocks: a full queue drops the event and counts it, so a
 * callback that hangs cannot hold up the request, the async event executor, or the other callbacks.
 */
@ApplicationScoped
public class CallbackDispatcher {
    private static final Logger LOG = Logger.getLogger(CallbackDispatcher.class.getName());
    static final int QUEUE_CAPACITY = 10_000;

    @Inject
    Instance<CallCallback> callbacks;

    private final Map<String, Worker> workers = new ConcurrentHashMap<>();
    final LongAdder dropped = new LongAdder();
    final LongAdder failed = new LongAdder();

    void dispatch(@ObservesAsync RequestCompleted call) {
        CallbackEvent event = null;
        for (CallCallback callback : callbacks) {
            if (!callback.enabled()) {
                continue;
            }
            if (event == null) {
                event = CallbackEvent.of(call);
            }
            if (!workers.computeIfAbsent(callback.name(), n -> new Worker(callback)).queue.offer(event)) {
                dropped.increment();
            }
        }
    }

    /** Callback counters for {@code /metrics}: events dropped on a full queue, deliveries that threw. */
    void writeTo(StringBuilder out) {
        PrometheusText.header(out, "switchboard_callback_dropped_events", "Callback events dropped: queue full",
                "counter");
        out.append("switchboard_callback_dropped_events_total ").append(dropped.sum()).append('\n');
        PrometheusText.header(out, "switchboard_callback_failures", "Callback deliveries that failed", "counter");
        out.append("switchboard_callback_failures_total ").append(failed.sum()).append('\n');
    }

    @PreDestroy
    void stop() {
        workers.values().forEach(w -> w.thread.interrupt());
    }

    private final class Worker implements Runnable {
        final CallCallback callback;
        final BlockingQueue<CallbackEvent> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        final Thread thread;

        Worker(CallCallback callback) {
            this.callback = callback;
            this.thread = new Thread(this, "switchboard-callback-" + callback.name());
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            while (!Thread.currentThread().isInterrupted()) {
                CallbackEvent event;
                try {
                    event = queue.poll(1, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    return;
                }
                if (event == null) {
                    continue;
                }
                try {
                    if (event.succeeded()) {
                        callback.onSuccess(event);
                    } else {
                        callback.onFailure(event);
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Exception | LinkageError e) {
                    failed.increment();
                    // The class only: a callback's message may quote what it was sending.
                    LOG.log(Level.WARNING, "Callback " + callback.name() + " failed for call " + event.id() + ": "
                            + e.getClass().getName());
                }
            }
        }
    }
}
