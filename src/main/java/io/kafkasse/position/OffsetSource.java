package io.kafkasse.position;

import java.util.Collection;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/** Answers offset questions about partitions; each answer is a round trip to the broker (or shares one). */
public interface OffsetSource {

    Map<TopicPartition, Long> ends(Collection<TopicPartition> partitions);

    Map<TopicPartition, Long> beginnings(Collection<TopicPartition> partitions);

    /** The first record at or after each time; a partition with no such record maps to {@code null}. */
    Map<TopicPartition, OffsetAndTimestamp> forTimes(Map<TopicPartition, Long> times);
}
