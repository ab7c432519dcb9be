package io.kafkasse.config;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

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

    public long nextMillis() {
        return withJitter(config.retry());
    }

    /** For a client turned away by a passing failure before its stream started ({@code sse.retry-after-error}). */
    public long afterErrorMillis() {
        return withJitter(config.retryAfterError());
    }

    private long withJitter(Duration base) {
        long jitter = config.retryJitter().toMillis();
        return base.toMillis() + (jitter > 0 ? ThreadLocalRandom.current().nextLong(jitter + 1) : 0);
    }
}
