package io.kafkasse.consumer;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The streams being served right now, each holding one Kafka consumer. Its count is what proves that no consumer
 * outlives its client, and what the operations endpoints report. On undeploy every stream is shut down.
 */
@ApplicationScoped
public class LiveStreams {

    private static final Logger LOG = Logger.getLogger(LiveStreams.class.getName());

    private final Set<TopicTail> tails = ConcurrentHashMap.newKeySet();

    void opened(TopicTail tail) {
        tails.add(tail);
    }

    void closed(TopicTail tail) {
        tails.remove(tail);
    }

    /** Kafka consumers currently open for streams. */
    public int consumers() {
        return tails.size();
    }

    @PreDestroy
    void shutdownAll() {
        if (!tails.isEmpty()) {
            LOG.info(() -> "Shutting down " + tails.size() + " open streams");
        }
        tails.forEach(TopicTail::shutdown);
    }
}
