package io.switchboard.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one admitted call holds: parallel slots, a request from each RPM window and its estimated
 * tokens from each TPM window. {@link #finish} gives the slots back and corrects the token windows to
 * the real usage; it runs once, however many paths report the end of the call.
 */
public final class Permit {
    public static final Permit NONE = new Permit(null, "none");

    private final LimitStore store;
    private final String holder;
    private final List<String> slots = new ArrayList<>();
    private final List<Window> requests = new ArrayList<>();
    private final List<Window> tokens = new ArrayList<>();
    private final AtomicBoolean finished = new AtomicBoolean();

    Permit(LimitStore store, String holder) {
        this.store = store;
        this.holder = holder;
    }

    void slot(String scope) {
        slots.add(scope);
    }

    void request(String window, long capacity) {
        requests.add(new Window(window, capacity, 1));
    }

    void tokens(String window, long capacity, long reserved) {
        tokens.add(new Window(window, capacity, reserved));
    }

    /** The call was served (or failed after dispatch) and used {@code actualTokens}. */
    public void finish(long actualTokens) {
        if (store == null || !finished.compareAndSet(false, true)) {
            return;
        }
        releaseSlots();
        for (Window w : tokens) {
            store.adjust(w.name, w.capacity, w.amount - actualTokens);
        }
    }

    /** The call was refused before dispatch: everything it took goes back. */
    void cancel() {
        if (store == null || !finished.compareAndSet(false, true)) {
            return;
        }
        releaseSlots();
        for (Window w : requests) {
            store.adjust(w.name, w.capacity, w.amount);
        }
        for (Window w : tokens) {
            store.adjust(w.name, w.capacity, w.amount);
        }
    }

    private void releaseSlots() {
        for (String scope : slots) {
            try {
                store.releaseSlot(scope, holder);
            } catch (RuntimeException ignored) {
                // a slot in an unreachable Redis ends with its lease; the others must still be released
            }
        }
    }

    private record Window(String name, long capacity, long amount) {
    }
}
