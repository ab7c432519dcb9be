package io.kafkasse.source;

import java.time.Duration;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.errors.RetriableException;

import io.kafkasse.logging.ThrottledWarning;

/** The poll of the canonical loop, shared by the feeds and the history readers. */
final class Polls {

    private Polls() {
    }

    /**
     * One poll. A transient Kafka error (a broker briefly away) is logged, throttled, and read as nothing polled: the
     * clients receive nothing for a while and heartbeats keep them. Anything else, wake-ups and interrupts included,
     * goes to the caller.
     */
    static ConsumerRecords<byte[], byte[]> pollOrNothing(Consumer<byte[], byte[]> consumer, Duration timeout,
                                                         ThrottledWarning transientErrors) {
        try {
            return consumer.poll(timeout);
        } catch (RetriableException e) {
            transientErrors.warn(() -> "Retrying after a transient Kafka error: " + e);
            return ConsumerRecords.empty();
        }
    }
}
