package io.switchboard.provider;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Makes blocking provider calls answer {@link Thread#interrupt()}. The router's deadline (its
 * {@code CallDeadline}) interrupts the thread making the call, but a thread blocked in a socket read
 * does not notice an interrupt. Each call registers what cancels it while it blocks; a
 * checker cancels the calls whose thread has been interrupted, within {@value #CHECK_MILLIS} ms.
 * Registering is a map put and remove on the calling thread; the checker is one daemon thread.
 */
final class InterruptedCalls {
    static final long CHECK_MILLIS = 50;
    private static final Map<Thread, Runnable> BLOCKED = new ConcurrentHashMap<>();
    private static final ScheduledExecutorService CHECKER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "switchboard-upstream-interrupts");
        thread.setDaemon(true);
        return thread;
    });

    static {
        CHECKER.scheduleWithFixedDelay(InterruptedCalls::cancelInterrupted, CHECK_MILLIS, CHECK_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    private InterruptedCalls() {
    }

    /** Registers {@code cancel} for the current thread until the returned registration is closed. */
    static Registration whileBlocked(Runnable cancel) {
        Thread thread = Thread.currentThread();
        if (thread.isInterrupted()) {
            cancel.run();
        }
        BLOCKED.put(thread, cancel);
        return () -> BLOCKED.remove(thread, cancel);
    }

    private static void cancelInterrupted() {
        BLOCKED.forEach((thread, cancel) -> {
            if (thread.isInterrupted() && BLOCKED.remove(thread, cancel)) {
                try {
                    cancel.run();
                } catch (RuntimeException ignored) {
                    // a call that cannot be cancelled any more has ended on its own
                }
            }
        });
    }

    /** Ends a registration; closing it twice is harmless. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
