package io.kafkasse.position;

import org.apache.kafka.common.TopicPartition;

/**
 * One entry of {@code Last-Event-ID}: where the client wants a partition to start, by offset or by timestamp. When
 * both are given the offset wins.
 */
public record RequestedPosition(String topic, int partition, Long offset, Long timestamp) {

    public RequestedPosition {
        if (offset == null && timestamp == null) {
            throw new IllegalArgumentException("a position needs an offset or a timestamp");
        }
    }

    public boolean hasOffset() {
        return offset != null;
    }

    public TopicPartition topicPartition() {
        return new TopicPartition(topic, partition);
    }
}
