package io.switchboard.cache;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes a {@link VectorStore}'s writes off the request thread: each is queued for one background writer,
 * so a slow or unreachable database never holds up the answer it is storing. The queue is bounded; a write
 * that finds it full is dropped and counted (that prompt is then only in this instance's in-process index,
 * which answers its paraphrases all the same). Reads go straight to the store, as before.
 */
final class BackgroundVectorWrites implements VectorStore {
    private static final Logger LOG = Logger.getLogger(BackgroundVectorWrites.class.getName());
    static final int QUEUE_CAPACITY = 1_000;

    private final VectorStore store;
    private final ThreadPoolExecutor writer;
    private final AtomicLong dropped = new AtomicLong();

    BackgroundVectorWrites(VectorStore store, int capacity) {
        this.store = store;
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(capacity),
                task -> {
                    Thread thread = new Thread(task, "switchboard-semantic-cache-writer");
                    thread.setDaemon(true);
                    return thread;
                }, (task, pool) -> drop());
    }

    @Override
    public void save(SemanticEntry entry, Duration ttl) {
        writer.execute(() -> {
            try {
                store.save(entry, ttl);
            } catch (RuntimeException e) {
                // Stores log their own failures; this keeps an unexpected one's trace (and values) out of the log.
                LOG.log(Level.WARNING, "Semantic cache: a vector write failed ({0}).", e.getClass().getSimpleName());
            }
        });
    }

    @Override
    public Map<String, float[]> load(String scope) {
        return store.load(scope);
    }

    @Override
    public byte[] answer(String answerKey) {
        return store.answer(answerKey);
    }

    /** Writes dropped because the queue was full (or the gateway was stopping) since start. */
    long dropped() {
        return dropped.get();
    }

    /** Writes waiting for the writer (not the one it is making). */
    int queued() {
        return writer.getQueue().size();
    }

    /** Stops taking writes and waits up to {@code grace} for the queued ones, so a clean stop keeps them. */
    void drain(Duration grace) {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warning(() -> "Semantic cache: " + queued()
                        + " vector writes were still queued at stop and are lost.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drop() {
        long count = dropped.incrementAndGet();
        if (count == 1 || count % 100 == 0) { // a database that stays slow would otherwise log once per request
            LOG.warning(() -> "Semantic cache: the database writes fall behind; " + count
                    + " vector writes dropped so far (those prompts are only in this instance's index).");
        }
    }
}
