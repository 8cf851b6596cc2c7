package io.switchboard.call;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's one timer thread for the alarms set and cancelled on every call: a call's deadline, the
 * silence allowed between a stream's events. An alarm's task must be quick (interrupt a thread, close a
 * stream): all alarms share this thread.
 */
public final class Alarms {
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private Alarms() {
    }

    /** Runs {@code task} after {@code delay}, unless the returned future is cancelled first. */
    public static ScheduledFuture<?> after(Duration delay, Runnable task) {
        return TIMER.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "switchboard-alarms");
            thread.setDaemon(true);
            return thread;
        });
        // Nearly every alarm is cancelled (the call ended in time): without remove-on-cancel each would stay
        // queued until its minutes-long delay, and the queue would grow with traffic.
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
