package io.switchboard.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.ErrorKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CallDeadlineTest {
    @Test
    void aPassedDeadlineInterruptsTheCallingThreadAndEndingClearsTheInterrupt() {
        CallDeadline deadline = CallDeadline.start(Duration.ofMillis(100));
        long started = System.nanoTime();
        assertThrows(InterruptedException.class, () -> Thread.sleep(5_000));
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertTrue(ms >= 90 && ms < 1_000, "interrupted at the 100 ms deadline, not later: " + ms + " ms");

        Thread.currentThread().interrupt(); // as if the interrupt had not been consumed by a blocking call
        assertTrue(deadline.end());
        assertFalse(Thread.currentThread().isInterrupted(), "the next request on this thread must not see it");
        assertTrue(deadline.end(), "ending twice answers the same");
        assertEquals(ErrorKind.REQUEST_TIMEOUT, deadline.exceeded().kind());
        assertTrue(deadline.exceeded().getMessage().contains("deadline of 100 ms"), deadline.exceeded().getMessage());
    }

    @Test
    void aCallThatEndsInTimeIsNeverInterruptedLater() throws InterruptedException {
        CallDeadline deadline = CallDeadline.start(Duration.ofMillis(50));
        assertFalse(deadline.end());
        Thread.sleep(200); // throws if the cancelled timer still fired
        assertFalse(Thread.currentThread().isInterrupted());
    }
}
