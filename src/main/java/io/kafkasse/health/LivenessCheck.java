package io.kafkasse.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import io.kafkasse.delivery.Delivery;
import io.kafkasse.observe.UnexpectedFailures;

/**
 * Alive while the delivery threads make progress: every feed loop and sender loop goes round at least every few
 * seconds (a poll's timeout, a second's wait for work), Kafka away or not, so one silent for {@link #STUCK} is stuck,
 * and one that ended while the service runs is dead: either way the process should be restarted. A broker outage
 * makes the service not ready, never not live.
 */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {

    static final Duration STUCK = Duration.ofSeconds(60);

    @Inject
    Delivery delivery;

    @Inject
    UnexpectedFailures failures;

    @Override
    public HealthCheckResponse call() {
        long silence = delivery.longestLoopSilenceNanos();
        boolean live = silence < STUCK.toNanos();
        return HealthCheckResponse.named("kafka-sse")
                .status(live)
                .withData("delivery-threads", live ? "making progress"
                        : silence == Long.MAX_VALUE ? "a loop ended" : "a loop stuck for " + Duration.ofNanos(silence).toSeconds() + " s")
                // Contained where they happened: reported, not a reason to restart (the same load would repeat them).
                .withData("unexpectedFailures", failures.count())
                .withData("lastUnexpectedFailure", failures.last() == null ? "none" : failures.last())
                .build();
    }
}
