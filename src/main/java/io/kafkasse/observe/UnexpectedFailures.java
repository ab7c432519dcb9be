package io.kafkasse.observe;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Failures that escaped a loop of the service (a feed, a history reader, a sender), an {@code Error} such as running
 * out of heap among them. Each is contained where it happens (the feed is started again, the reader's clients told to
 * reconnect, the sender goes on) and logged; this keeps their count and the last one for the liveness check, so that an
 * operator sees them without reading the log, and an orchestrator is not made to restart a server that recovered.
 */
@ApplicationScoped
public class UnexpectedFailures {

    private final AtomicLong count = new AtomicLong();
    private final AtomicReference<String> last = new AtomicReference<>();

    /** @param where the loop that failed: {@code feed}, {@code history reader}, {@code sender} */
    public void record(String where, Throwable failure) {
        count.incrementAndGet();
        last.set(where + ": " + failure.getClass().getName() + " at " + Instant.now());
    }

    public long count() {
        return count.get();
    }

    /** The last failure (where, its class and when), or null when there was none. */
    public String last() {
        return last.get();
    }
}
