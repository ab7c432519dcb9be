package io.kafkasse.consumer;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The streams being served right now and the Kafka consumers open for them. Their counts prove that no consumer
 * outlives its clients, and are what the operations endpoints report. On undeploy every stream is shut down.
 */
@ApplicationScoped
public class LiveStreams {

    private static final Logger LOG = Logger.getLogger(LiveStreams.class.getName());

    private final Set<ServedStream> streams = ConcurrentHashMap.newKeySet();
    private final AtomicInteger consumers = new AtomicInteger();

    public void opened(ServedStream stream) {
        streams.add(stream);
    }

    public void closed(ServedStream stream) {
        streams.remove(stream);
    }

    public void consumerOpened() {
        consumers.incrementAndGet();
    }

    public void consumerClosed() {
        consumers.decrementAndGet();
    }

    /** Clients being served. */
    public int streams() {
        return streams.size();
    }

    /** Kafka consumers currently open for streams. */
    public int consumers() {
        return consumers.get();
    }

    @PreDestroy
    void shutdownAll() {
        if (!streams.isEmpty()) {
            LOG.info(() -> "Shutting down " + streams.size() + " open streams");
        }
        streams.forEach(ServedStream::shutdown);
    }
}
