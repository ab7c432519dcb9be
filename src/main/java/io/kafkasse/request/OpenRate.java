package io.kafkasse.request;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * At most {@code perSecond} streams opened a second, in bursts of up to one second's worth ({@code sse.limits.opens-per-second}):
 * a reconnect storm is let in at that pace, the excess told to come back, so that the streams already open keep
 * their share of the machine. Lock-free (the generic cell rate algorithm: one timestamp, advanced by compare-and-set),
 * so that thousands of requests at once never overshoot it.
 */
final class OpenRate {

    private final long intervalNanos;
    private final long burstNanos;
    /** When the bucket is empty again if nothing more is taken: a nanoTime; never more than a burst ahead of now. */
    private final AtomicLong emptyAt;

    OpenRate(int perSecond, long nowNanos) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("perSecond must be positive: " + perSecond);
        }
        this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        this.burstNanos = intervalNanos * perSecond;
        this.emptyAt = new AtomicLong(nowNanos);
    }

    /** Takes one open at {@code nowNanos} ({@link System#nanoTime}); false when the rate has none to give now. */
    boolean tryTake(long nowNanos) {
        while (true) {
            long current = emptyAt.get();
            // Compared as a difference: nanoTime values may be negative and only their differences mean anything.
            long next = (current - nowNanos > 0 ? current : nowNanos) + intervalNanos;
            if (next - nowNanos > burstNanos) {
                return false;
            }
            if (emptyAt.compareAndSet(current, next)) {
                return true;
            }
        }
    }
}
