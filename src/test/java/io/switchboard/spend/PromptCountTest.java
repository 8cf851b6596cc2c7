package io.switchboard.spend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PromptCountTest {
    @Test
    void countsOnlyWhenAskedAndThenOnce() {
        AtomicInteger counted = new AtomicInteger();
        PromptCount count = new PromptCount(() -> {
            counted.incrementAndGet();
            return PromptTokens.count("Hello there, how are you?");
        });
        assertEquals(0, counted.get(), "nothing is counted before something asks");
        assertEquals(PromptTokens.count("Hello there, how are you?"), count.tokens());
        assertEquals(count.tokens(), count.tokens());
        assertEquals(1, counted.get());
    }

    @Test
    void anEmptyPromptIsCountedOnceToo() {
        AtomicInteger counted = new AtomicInteger();
        PromptCount count = new PromptCount(() -> {
            counted.incrementAndGet();
            return 0;
        });
        assertEquals(0, count.tokens());
        assertEquals(0, count.tokens());
        assertEquals(1, counted.get());
    }
}
