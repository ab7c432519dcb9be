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
    private final long[] timestamps;
    /** Per partition, how many records of the millisecond in {@link #timestamps} were read (null with offset ids). */
    private final int[] seen;
    private final Map<TopicPartition, Integer> index;
    private boolean compact;
    /** Per partition, its entry of the full id up to its number ({@code {"topic":"t","partition":0,"offset":}); lazy. */
    private String[] fieldPrefixes;
    private int idCapacity;

    /**
     * A cursor whose id carries offsets.
     *
     * @param start the concrete next offset of every assigned partition (never a symbolic "latest")
     */
    public Cursor(Map<TopicPartition, Long> start) {
        this(start, null, Map.of(), 0);
    }

    /**
     * A cursor whose id carries, per partition, the timestamp of the last record delivered there and how many records
     * of that millisecond were delivered ({@code "seen"}, left out when none). A client resuming with it gets exactly
     * the records after the last one it had, even when several share a millisecond: the resume finds the first record
     * of that millisecond and passes over as many as were seen ({@link StartPositions}). Partitions that delivered
     * nothing carry the time the stream started from. Unlike offsets, these ids survive a copy of the topic to another
     * cluster (MirrorMaker), whose offsets differ, as long as timestamps do not go back within a partition.
     *
     * @param startTimes the time each partition was asked to start at, when the client gave one
     * @param seenAtStart how many records of that millisecond the resume passed over, per partition (absent: none)
     * @param startedAt the time for the other partitions: when the stream was positioned
     */
    public static Cursor withTimestamps(Map<TopicPartition, Long> start, Map<TopicPartition, Long> startTimes,
                                        Map<TopicPartition, Integer> seenAtStart, long startedAt) {
        return new Cursor(start, startTimes, seenAtStart, startedAt);
    }

    private Cursor(Map<TopicPartition, Long> start, Map<TopicPartition, Long> startTimes,
                   Map<TopicPartition, Integer> seenAtStart, long startedAt) {
        List<TopicPartition> sorted = start.keySet().stream().sorted(ORDER).toList();
        partitions = sorted.toArray(TopicPartition[]::new);
        next = new long[partitions.length];
        timestamps = startTimes == null ? null : new long[partitions.length];
        seen = startTimes == null ? null : new int[partitions.length];
        index = new HashMap<>(partitions.length * 2);
        for (int i = 0; i < partitions.length; i++) {
            long offset = start.get(partitions[i]);
            if (offset < 0) {
                throw new IllegalArgumentException("Start offset of " + partitions[i] + " must be concrete, was " + offset);
            }
            next[i] = offset;
            if (timestamps != null) {
                timestamps[i] = startTimes.getOrDefault(partitions[i], startedAt);
                seen[i] = seenAtStart.getOrDefault(partitions[i], 0);
            }
            index.put(partitions[i], i);
        }
    }

    /** Records that a record with this timestamp was read here and the next one to read is at {@code nextOffset}. */
    public void advance(TopicPartition partition, long nextOffset, long timestamp) {
        Integer i = index.get(partition);
        if (i == null) {
            throw new IllegalArgumentException(partition + " is not read by this stream");
        }
        advance(i, nextOffset, timestamp);
    }

    /** As {@link #advance(TopicPartition, long, long)}, for the partition at {@code i} in {@link #partition(int)} order. */
    public void advance(int i, long nextOffset, long timestamp) {
        next[i] = nextOffset;
        if (timestamps != null) {
            if (timestamp == timestamps[i]) {
                seen[i]++;
            } else {
                timestamps[i] = timestamp;
                seen[i] = 1;
            }
        }
    }

    /** How many partitions the stream reads. */
    public int size() {
        return partitions.length;
    }

    /** The partitions in id order (topic, then partition number): {@code 0 <= i < size()}. */
    public TopicPartition partition(int i) {
        return partitions[i];
    }

    /** The offset of the next record to read in the partition at {@code i}. */
    public long next(int i) {
        return next[i];
    }

    /**
     * Switches the id to the compact form ({@code {"topic":[offset0,offset1,...]}}, or {@code [timestamp,seen]} per
     * partition for timestamp ids) when the full form is longer than {@code maxFullLength}: browsers and proxies
     * commonly cap request headers at 8 KB, and the full id of 64 partitions is near 5 KB.
     */
    public void compactWhenLongerThan(int maxFullLength) {
        compact = false; // so that id() below measures the full form
        compact = id().length() > maxFullLength;
    }

    public boolean isCompact() {
        return compact;
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
     * The id with {@code topic}'s partitions from its highest read one + 1 to {@code partitionCount} - 1 added at their
     * first record (offset 0, or timestamp 0), in this cursor's form: for a topic that gained partitions, so that a
     * resume reads them from their start.
     */
    public String idWithPartitionsAdded(String topic, int partitionCount) {
        int known = -1;
        for (TopicPartition partition : partitions) {
            if (partition.topic().equals(topic)) {
                known = Math.max(known, partition.partition());
            }
        }
        Map<TopicPartition, Long> start = positions();
        Map<TopicPartition, Long> startTimes = new HashMap<>();
        Map<TopicPartition, Integer> seenAtStart = new HashMap<>();
        for (int i = 0; timestamps != null && i < partitions.length; i++) {
            startTimes.put(partitions[i], timestamps[i]);
            seenAtStart.put(partitions[i], seen[i]);
        }
        for (int partition = known + 1; partition < partitionCount; partition++) {
            start.put(new TopicPartition(topic, partition), 0L);
            startTimes.put(new TopicPartition(topic, partition), 0L);
        }
        Cursor grown = timestamps == null ? new Cursor(start) : withTimestamps(start, startTimes, seenAtStart, 0);
        grown.compact = compact;
        return grown.id();
    }

    /** Per partition, {@code {timestamp, seen}}: what a timestamp id holds. */
    private Map<TopicPartition, long[]> timestampPositions() {
        Map<TopicPartition, long[]> positions = new LinkedHashMap<>();
        for (int i = 0; i < partitions.length; i++) {
            positions.put(partitions[i], new long[] {timestamps[i], seen[i]});
        }
        return positions;
    }

    /**
     * The JSON array of {@code {"topic","partition","offset"}} (or {@code "timestamp"} and {@code "seen"}) for every partition, sorted by
     * topic then partition. Kafka topic names only hold {@code [a-zA-Z0-9._-]}, so they need no escaping.
     */
    public String id() {
        if (compact) {
            return timestamps == null ? LastEventId.compact(positions()) : LastEventId.compactTimestamps(timestampPositions());
        }
        // Written for every event to every client: each partition's unchanging part is made once.
        String[] prefixes = fieldPrefixes();
        StringBuilder id = new StringBuilder(idCapacity);
        id.append('[');
        for (int i = 0; i < partitions.length; i++) {
            if (i > 0) {
                id.append(',');
            }
            id.append(prefixes[i]).append(timestamps == null ? next[i] : timestamps[i]);
            if (timestamps != null && seen[i] > 0) {
                id.append(",\"seen\":").append(seen[i]);
            }
            id.append('}');
        }
        return id.append(']').toString();
    }

    private String[] fieldPrefixes() {
        if (fieldPrefixes == null) {
            String[] prefixes = new String[partitions.length];
            int capacity = 2;
            for (int i = 0; i < partitions.length; i++) {
                prefixes[i] = "{\"topic\":\"" + partitions[i].topic() + "\",\"partition\":" + partitions[i].partition()
                        + (timestamps == null ? ",\"offset\":" : ",\"timestamp\":");
                capacity += prefixes[i].length() + 22 + (timestamps == null ? 0 : 20);
            }
            idCapacity = capacity;
            fieldPrefixes = prefixes;
        }
        return fieldPrefixes;
    }
}
