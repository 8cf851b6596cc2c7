package io.switchboard.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * What one admitted call holds: parallel slots, a request from each RPM window and its estimated
 * tokens from each TPM window. {@link #finish} gives the slots back and corrects the token windows to
 * the real usage; it runs once, however many paths report the end of the call. The request windows need
 * no record: a request is never given back once admitted.
 */
public final class Permit {
    public static final Permit NONE = new Permit(null, "none");

    private final LimitStore store;
    private final String holder;
    private final List<String> slots = new ArrayList<>();
    private final List<Held> tokens = new ArrayList<>();
    private final AtomicBoolean finished = new AtomicBoolean();

    Permit(LimitStore store, String holder) {
        this.store = store;
        this.holder = holder;
    }

    void slot(String scope) {
        slots.add(scope);
    }

    void tokens(LimitStore.Draw draw, long window) {
        tokens.add(new Held(draw, window));
    }

    /** The call was served (or failed after dispatch) and used {@code actualTokens}. */
    public void finish(long actualTokens) {
        finish(() -> actualTokens);
    }

    /** As above, with the usage asked for only when a TPM window is to be corrected. */
    public void finish(LongSupplier actualTokens) {
        if (store == null || !finished.compareAndSet(false, true)) {
            return;
        }
        releaseSlots();
        if (!tokens.isEmpty()) {
            long used = actualTokens.getAsLong();
            store.adjust(tokens.stream().map(h -> h.correction(h.draw.amount() - used)).toList());
        }
    }

    /**
     * The call was refused before dispatch: its slots go back. Its windows need nothing: a store takes a call's
     * windows all or none, so a call refused by one took none.
     */
    void cancel() {
        if (store == null || !finished.compareAndSet(false, true)) {
            return;
        }
        releaseSlots();
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

    private record Held(LimitStore.Draw draw, long window) {
        LimitStore.Correction correction(long amount) {
            return new LimitStore.Correction(draw.name(), draw.capacity(), window, amount);
        }
    }
}
