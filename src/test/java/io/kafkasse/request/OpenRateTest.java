package io.kafkasse.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class OpenRateTest {

    private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void aSecondsWorthIsLetInAtOnceThenOneEveryIntervalAndNoMore() {
        long start = 123_456_789L;
        OpenRate rate = new OpenRate(10, start);

        for (int i = 0; i < 10; i++) {
            assertTrue(rate.tryTake(start), "open " + i + " of the first second's burst");
        }
        assertFalse(rate.tryTake(start), "the eleventh at once");
        assertFalse(rate.tryTake(start + 99 * MILLI), "before the next interval");
        assertTrue(rate.tryTake(start + 100 * MILLI), "one interval later");
        assertFalse(rate.tryTake(start + 100 * MILLI), "only one");
    }

    @Test
    void aQuietSpellRefillsTheBurstButNeverMoreThanASecondsWorth() {
        long start = -5_000 * MILLI; // nanoTime may be negative
        OpenRate rate = new OpenRate(4, start);
        for (int i = 0; i < 4; i++) {
            assertTrue(rate.tryTake(start));
        }
        long muchLater = start + 60_000 * MILLI;
        int taken = 0;
        while (rate.tryTake(muchLater)) {
            taken++;
        }
        assertEquals(4, taken);
    }

    @Test
    void theClockWrappingAroundChangesNothing() {
        long start = Long.MAX_VALUE - 150 * MILLI;
        OpenRate rate = new OpenRate(10, start);
        for (int i = 0; i < 10; i++) {
            assertTrue(rate.tryTake(start));
        }
        assertFalse(rate.tryTake(start + 50 * MILLI));
        long later = start + 250 * MILLI; // past Long.MAX_VALUE: a negative nanoTime
        assertTrue(later < 0);
        assertTrue(rate.tryTake(later)); // 250 ms refilled two and a half
        assertTrue(rate.tryTake(later));
        assertFalse(rate.tryTake(later));
    }

    @Test
    void manyThreadsAtOnceNeverOvershootTheRate() throws Exception {
        int perSecond = 1_000;
        long now = System.nanoTime();
        OpenRate rate = new OpenRate(perSecond, now);
        AtomicInteger granted = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < 5_000; i++) {
                    if (rate.tryTake(now)) {
                        granted.incrementAndGet();
                    }
                }
            });
            threads[t].start();
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join(10_000);
        }

        assertEquals(perSecond, granted.get(), "40,000 attempts at one instant: exactly a second's worth let in");
    }
}
