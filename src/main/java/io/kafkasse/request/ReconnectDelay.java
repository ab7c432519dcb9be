package io.kafkasse.request;

import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.kafkasse.config.ServiceConfig;

/**
 * The {@code retry:} each stream tells its client: the configured delay plus a random part, so that the clients of
 * a restarted server do not all come back in the same instant.
 */
@ApplicationScoped
public class ReconnectDelay {

    @Inject
    ServiceConfig config;

    public long nextMillis() {
        long jitter = config.retryJitter().toMillis();
        return config.retry().toMillis() + (jitter > 0 ? ThreadLocalRandom.current().nextLong(jitter + 1) : 0);
    }
}
