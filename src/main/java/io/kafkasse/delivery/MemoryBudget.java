package io.kafkasse.delivery;

import java.util.function.LongSupplier;

import io.kafkasse.error.StreamProblem;

/**
 * The bound on what the service holds for its clients ({@code sse.memory.max-bytes}): the bytes in every window, live
 * and history, and the bytes written for clients that they have not taken yet. Each part has its own bound (per
 * partition, per client), but their sum grows with partitions read and clients served; past this bound, requests
 * that need history (a resume, a {@code since}) are turned away with the retryable answer until memory is given back,
 * instead of the heap running out. Live streams still open: they add no window of their own.
 * <p>
 * The sum is sampled ({@link #sample}, on the owner of threads' schedule) rather than counted per write: a check then
 * costs one read, however many clients ask at once, and the delivery path pays nothing for it.
 */
public final class MemoryBudget {

    private final long maxBytes;
    private final LongSupplier held;
    private volatile long lastHeld;

    /** @param held what is held now; called by {@link #sample} only */
    MemoryBudget(long maxBytes, LongSupplier held) {
        this.maxBytes = maxBytes;
        this.held = held;
    }

    void sample() {
        lastHeld = held.getAsLong();
    }

    /** Bytes held at the last sample. */
    public long held() {
        return lastHeld;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Throws the retryable answer when the last sample was over the bound. */
    public void checkRoomForHistory() {
        long now = lastHeld;
        if (now > maxBytes) {
            throw StreamProblem.overloaded(new IllegalStateException("The windows and unsent events hold " + now
                    + " bytes, over sse.memory.max-bytes (" + maxBytes + ")"));
        }
    }
}
