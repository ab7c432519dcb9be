package io.kafkasse.position;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * Where one stream stands in every partition it reads: the offset of the next record to read there. Its
 * {@link #id()} is the SSE event id, so a client that reconnects with it as {@code Last-Event-ID} resumes with no
 * record lost and none repeated, on every partition, including those that delivered nothing yet.
 */
public final class Cursor {

    public static final Comparator<TopicPartition> ORDER =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    private final TopicPartition[] partitions;
    private final long[] next;
    private final Map<TopicPartition, Integer> index;

    /**
     * @param start the concrete next offset of every assigned partition (never a symbolic "latest")
     */
    public Cursor(Map<TopicPartition, Long> start) {
        List<TopicPartition> sorted = start.keySet().stream().sorted(ORDER).toList();
        partitions = sorted.toArray(TopicPartition[]::new);
        next = new long[partitions.length];
        index = new HashMap<>(partitions.length * 2);
        for (int i = 0; i < partitions.length; i++) {
            long offset = start.get(partitions[i]);
            if (offset < 0) {
                throw new IllegalArgumentException("Start offset of " + partitions[i] + " must be concrete, was " + offset);
            }
            next[i] = offset;
            index.put(partitions[i], i);
        }
    }

    /** Records that the next record to read in this partition is at {@code nextOffset}. */
    public void advance(TopicPartition partition, long nextOffset) {
        Integer i = index.get(partition);
        if (i == null) {
            throw new IllegalArgumentException(partition + " is not read by this stream");
        }
        next[i] = nextOffset;
    }

    /** The positions as an ordered map, topic then partition. */
    public Map<TopicPartition, Long> positions() {
        Map<TopicPartition, Long> positions = new LinkedHashMap<>();
        for (int i = 0; i < partitions.length; i++) {
            positions.put(partitions[i], next[i]);
        }
        return positions;
    }

    /**
     * The JSON array of {@code {"topic","partition","offset"}} for every partition, sorted by topic then partition.
     * Kafka topic names only hold {@code [a-zA-Z0-9._-]}, so they need no escaping.
     */
    public String id() {
        StringBuilder id = new StringBuilder(2 + partitions.length * 48).append('[');
        for (int i = 0; i < partitions.length; i++) {
            if (i > 0) {
                id.append(',');
            }
            id.append("{\"topic\":\"").append(partitions[i].topic())
                    .append("\",\"partition\":").append(partitions[i].partition())
                    .append(",\"offset\":").append(next[i]).append('}');
        }
        return id.append(']').toString();
    }
}
