package io.kafkasse.position;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Decides where a new stream starts in each partition and positions its consumer there. A live tail starts at the
 * current end of every partition, resolved to a concrete offset so that the first event id already says where to
 * resume.
 */
public final class StartPositions {

    private StartPositions() {
    }

    /** Assigns the partitions to the consumer and seeks each to its current end; returns the concrete offsets. */
    public static Map<TopicPartition, Long> atEnd(Consumer<?, ?> consumer, Collection<TopicPartition> partitions, Duration timeout) {
        consumer.assign(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
        ends.forEach(consumer::seek);
        return ends;
    }
}
