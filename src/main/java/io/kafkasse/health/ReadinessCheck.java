package io.kafkasse.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.kafkasse.delivery.Delivery;
import io.kafkasse.delivery.MemoryBudget;
import io.kafkasse.source.Feeds;

/**
 * Ready to take streams: the service is not draining (a stop or undeploy began: a load balancer should send new
 * clients elsewhere) and the Kafka cluster answers. The cluster is asked one cheap question (its nodes) at most every
 * {@link #CACHE_NANOS}, whatever the number of probes, and waits at most {@link #KAFKA_TIMEOUT}.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    private static final long CACHE_NANOS = Duration.ofSeconds(5).toNanos();
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(2);

    @Inject
    Delivery delivery;

    @Inject
    Feeds feeds;

    private long checkedAt;
    private boolean kafkaAnswered;

    @Override
    public HealthCheckResponse call() {
        boolean kafka = kafkaAnswers();
        boolean taking = delivery.takesStreams();
        return HealthCheckResponse.named("kafka-sse")
                .status(kafka && taking)
                .withData("kafka", kafka ? "answers" : "does not answer within " + KAFKA_TIMEOUT.toSeconds() + " s")
                .withData("streams", taking ? "taken" : "draining or stopped")
                .withData("openStreams", delivery.streams())
                .withData("memoryHeldBytes", memoryHeld())
                .build();
    }

    /**
     * What the windows and unsent events hold (sse.memory.max-bytes bounds it; over it, resumes are turned away with the
     * retryable answer, but the server stays ready: live streams are still served). -1 before the service started.
     */
    private long memoryHeld() {
        MemoryBudget memory = delivery.memory();
        return memory == null ? -1 : memory.held();
    }

    /** One broker round trip for every probe within the cache period (the probes of a busy orchestrator included). */
    private synchronized boolean kafkaAnswers() {
        long now = System.nanoTime();
        if (checkedAt == 0 || now - checkedAt > CACHE_NANOS) {
            kafkaAnswered = feeds.clusterAnswers(KAFKA_TIMEOUT);
            checkedAt = System.nanoTime();
        }
        return kafkaAnswered;
    }
}
