package io.kafkasse.position;

import java.util.Objects;

import org.apache.kafka.common.TopicPartition;

/**
 * Where a client asked to resume in one partition: the offset of the next record to read, or a time from which to
 * read, or both. An offset is exact and a timestamp is only a search for one, so when both are given the offset wins.
 *
 * @param offset the next offset to read, or null
 * @param timestamp epoch milliseconds to resolve to an offset, or null when {@code offset} is given
 * @param seen how many records of that millisecond the client already has (a timestamp id's {@code "seen"}): they are
 *             passed over, so that a resume is exact when several records share a millisecond
 */
public record RequestedPosition(String topic, int partition, Long offset, Long timestamp, int seen) {

    /** A position without records already seen at its timestamp. */
    public RequestedPosition(String topic, int partition, Long offset, Long timestamp) {
        this(topic, partition, offset, timestamp, 0);
    }

    public RequestedPosition {
        if (seen < 0) {
            throw new IllegalArgumentException("Records seen must not be negative, was " + seen);
        }
        Objects.requireNonNull(topic, "topic");
        if (partition < 0) {
            throw new IllegalArgumentException("Partition must not be negative, was " + partition);
        }
        if (offset == null && timestamp == null) {
            throw new IllegalArgumentException("A position of " + topic + "-" + partition + " needs an offset or a timestamp");
        }
        if (offset != null && offset < 0 || timestamp != null && timestamp < 0) {
            // Negative values are Kafka's symbolic "latest"/"earliest"; a requested position is always concrete.
            throw new IllegalArgumentException("Offset and timestamp must not be negative, were " + offset + " and " + timestamp);
        }
    }

    /** True when the client gave an exact offset; the timestamp, if any, is then ignored. */
    public boolean hasOffset() {
        return offset != null;
    }

    public TopicPartition topicPartition() {
        return new TopicPartition(topic, partition);
    }
}
