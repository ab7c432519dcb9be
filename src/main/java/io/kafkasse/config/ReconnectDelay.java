package io.kafkasse.config;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;


/**
 * The {@code retry:} each stream tells its client: the configured delay plus a random part, so that the clients of
 * a restarted server do not all come back in the same instant.
 */
@ApplicationScoped
public class ReconnectDelay {

    @Inject
    ServiceConfig config;

    /** No client is to come back before this moment (nanoTime); 0 while the server is not stopping. */
    private volatile long notBefore;
    /** While the server stops: the returns are spread over at least this much (ms). */
    private volatile long spreadMillis;

    public long nextMillis() {
        return withJitter(config.retry());
    }

    /** For a client turned away by a passing failure before its stream started ({@code sse.retry-after-error}). */
    public long afterErrorMillis() {
        return withJitter(config.retryAfterError());
    }

    /**
     * The server stops: from now on every delay given is long enough for the client to come back after
     * {@code nanoTime}, when this server is gone (and a restarted one, or another instance, serves it).
     */
    public void notBefore(long nanoTime, Duration spread) {
        spreadMillis = spread.toMillis();
        notBefore = nanoTime;
    }

    private long withJitter(Duration base) {
        long millis = base.toMillis();
        long jitter = config.retryJitter().toMillis();
        long until = notBefore;
        if (until != 0) {
            // A restarted server meets its clients spread over the drain period, not within the usual jitter.
            millis = Math.max(millis, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime()));
            jitter = Math.max(jitter, spreadMillis);
        }
        return millis + (jitter > 0 ? ThreadLocalRandom.current().nextLong(jitter + 1) : 0);
    }
}
