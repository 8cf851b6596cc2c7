package io.switchboard.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * A fixed-rate (open-loop) load generator: request i is due at {@code start + i / rate}, whatever
 * happened to request i-1, and its latency is measured from that due time. When the server stalls,
 * the requests that should have been sent during the stall are charged the wait, as real users
 * would be (the coordinated-omission correction wrk2 made popular). A pool of keep-alive
 * connections, each on its own thread, takes the due requests in order.
 */
final class OpenLoopDriver {
    private OpenLoopDriver() {
    }

    /**
     * Sends {@code rate} requests a second for {@code warmupSeconds + seconds}, recording only the
     * last {@code seconds}.
     */
    static LoadResult run(Target target, double rate, double warmupSeconds, double seconds, int connections)
            throws InterruptedException {
        long interval = (long) (1_000_000_000L / rate);
        long total = (long) ((warmupSeconds + seconds) * rate);
        long start = System.nanoTime() + 20_000_000L;
        long measureFrom = start + (long) (warmupSeconds * 1e9);
        // A server that cannot keep up would stretch the step without bound: stop sending at twice the
        // planned length; the achieved throughput and the latencies then say it fell behind.
        long stopAt = start + (long) (2 * (warmupSeconds + seconds) * 1e9) + 1_000_000_000L;
        AtomicLong next = new AtomicLong();
        byte[] request = target.request();
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Worker w = new Worker(target, request, next, total, start, interval, measureFrom, stopAt);
            workers.add(w);
            w.thread.start();
        }
        Histogram latency = LoadResult.histogram();
        Histogram firstChunk = LoadResult.histogram();
        Histogram gaps = LoadResult.histogram();
        long requests = 0;
        long errors = 0;
        long lastEnd = measureFrom;
        for (Worker w : workers) {
            w.thread.join();
            latency.add(w.latency);
            firstChunk.add(w.firstChunk);
            gaps.add(w.gaps);
            requests += w.requests;
            errors += w.errors;
            lastEnd = Math.max(lastEnd, w.lastEnd);
        }
        // The measured window is from the first measured due time to the last answer: when the
        // server could not keep up this is longer than `seconds`, and the throughput says so.
        double window = (lastEnd - measureFrom) / 1e9;
        return new LoadResult(target.name(), connections, rate, window, requests, errors, latency, firstChunk, gaps);
    }

    private static final class Worker implements Runnable {
        final Thread thread = new Thread(this, "open-loop");
        final Histogram latency = LoadResult.histogram();
        final Histogram firstChunk = LoadResult.histogram();
        final Histogram gaps = LoadResult.histogram();
        final Target target;
        final byte[] request;
        final AtomicLong next;
        final long total;
        final long start;
        final long interval;
        final long measureFrom;
        final long stopAt;
        long requests;
        long errors;
        long lastEnd;

        Worker(Target target, byte[] request, AtomicLong next, long total, long start, long interval, long measureFrom,
                long stopAt) {
            this.target = target;
            this.request = request;
            this.next = next;
            this.total = total;
            this.start = start;
            this.interval = interval;
            this.measureFrom = measureFrom;
            this.stopAt = stopAt;
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            RawHttpConnection connection = null;
            for (long i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                long due = start + i * interval;
                if (System.nanoTime() > stopAt) {
                    break;
                }
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                boolean measured = due >= measureFrom;
                int status;
                try {
                    if (connection == null) {
                        connection = new RawHttpConnection(target.host(), target.port());
                    }
                    status = connection.exchange(request);
                    if (connection.mustReconnect()) {
                        connection.close();
                        connection = null;
                    }
                } catch (IOException e) {
                    status = -1;
                    connection = closeQuietly(connection);
                }
                long end = System.nanoTime();
                if (!measured) {
                    continue;
                }
                requests++;
                lastEnd = end;
                if (status != 200) {
                    errors++;
                    continue;
                }
                latency.recordValue(Math.min(end - due, latency.getHighestTrackableValue()));
                if (connection != null && connection.events() > 0) {
                    firstChunk.recordValue(connection.eventTime(0) - due);
                    for (int e = 1; e < connection.events(); e++) {
                        gaps.recordValue(connection.eventTime(e) - connection.eventTime(e - 1));
                    }
                }
            }
            closeQuietly(connection);
        }

        private static RawHttpConnection closeQuietly(RawHttpConnection c) {
            if (c != null) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // already broken
                }
            }
            return null;
        }
    }
}
