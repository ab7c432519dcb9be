package io.kafkasse.health;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

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
    /**
     * A "does not answer" is asked again sooner: at a start on a busy machine the first question can take longer than
     * {@link #KAFKA_TIMEOUT}, and the server should turn ready as soon as the cluster answers, not 5 s later.
     */
    private static final long NEGATIVE_CACHE_NANOS = Duration.ofSeconds(1).toNanos();
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(2);

    @Inject
    Delivery delivery;

    @Inject
    Feeds feeds;

    /** Whether the cluster answered when last asked; null until the first probe asked. */
    private volatile Boolean kafkaAnswered;
    private volatile long checkedAt;
    private final AtomicBoolean asking = new AtomicBoolean();

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

    /**
     * One broker round trip for every probe within the cache period (the probes of a busy orchestrator included), and
     * none that a probe waits for but the very first: a later probe that finds the answer older than the period asks
     * again in the background and is answered with what is known. A probe must not hang on Kafka: a server holding
     * several WARs runs their checks one after the other (Open Liberty took over 20 s to answer with three brokers
     * away), and an orchestrator's probe gives up after a few seconds.
     */
    private boolean kafkaAnswers() {
        Boolean known = kafkaAnswered;
        if (known == null) {
            synchronized (this) {
                if (kafkaAnswered == null) {
                    ask();
                }
                return kafkaAnswered;
            }
        }
        // While the service stops it is not ready anyway, and the server may refuse the task (WildFly logs an error).
        long cached = known ? CACHE_NANOS : NEGATIVE_CACHE_NANOS;
        if (System.nanoTime() - checkedAt > cached && delivery.takesStreams() && asking.compareAndSet(false, true)) {
            try {
                delivery.scheduler().execute(() -> {
                    try {
                        ask();
                    } finally {
                        asking.set(false);
                    }
                });
            } catch (RejectedExecutionException e) {
                asking.set(false);
            }
        }
        return known;
    }

    private void ask() {
        kafkaAnswered = feeds.clusterAnswers(KAFKA_TIMEOUT);
        checkedAt = System.nanoTime();
    }
}
