package io.kafkasse.position;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

import io.kafkasse.config.ServiceConfig.OffsetReset;
import io.kafkasse.error.StreamProblem;

/**
 * Decides where a new stream starts in each partition: at the positions the client
 * resumes from ({@code Last-Event-ID}), else at the first record at or after {@code since}, else at the current end.
 * Every start is resolved to a concrete offset, so the first event id already says where to resume.
 */
public final class StartPositions {

    /**
     * Where the stream starts, with the notes for the client about positions that had to be moved.
     *
     * @param timestamps the time each partition was asked to start at, when the client gave one
     * @param seen       how many records of that millisecond were passed over, per partition (absent: none)
     */
    public record Resolved(Map<TopicPartition, Long> offsets, Map<TopicPartition, Long> timestamps,
                           Map<TopicPartition, Integer> seen, List<String> notices) {

        public Resolved(Map<TopicPartition, Long> offsets, Map<TopicPartition, Long> timestamps, List<String> notices) {
            this(offsets, timestamps, Map.of(), notices);
        }
    }

    private final OffsetSource offsets;
    private final List<TopicPartition> partitions;

    public StartPositions(OffsetSource offsets, List<TopicPartition> partitions) {
        this.offsets = offsets;
        this.partitions = partitions;
    }

    /** Every partition at its current end. */
    public Resolved atEnd() {
        return resolved(ends(), Map.of(), List.of());
    }

    /** Every partition at its first record at or after {@code epochMillis}, or its end. */
    public Resolved since(long epochMillis) {
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(partition -> times.put(partition, epochMillis));
        Map<TopicPartition, Long> start = ends();
        start.putAll(forTimes(times, start));
        return resolved(start, times, List.of());
    }

    /**
     * The requested positions; partitions not named start at their end.
     * Offsets that retention deleted start per {@code reset}; offsets past the end start at the end.
     */
    public Resolved at(List<RequestedPosition> requested, OffsetReset reset) {
        check(requested);
        Map<TopicPartition, Long> ends = ends();
        Map<TopicPartition, Long> start = new HashMap<>(ends);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        Map<TopicPartition, Long> times = new HashMap<>();
        Map<TopicPartition, Integer> seenAt = new HashMap<>();
        for (RequestedPosition position : requested) {
            if (position.hasOffset()) {
                offsets.put(position.topicPartition(), position.offset());
            } else {
                times.put(position.topicPartition(), position.timestamp());
                if (position.seen() > 0) {
                    seenAt.put(position.topicPartition(), position.seen());
                }
            }
        }
        List<String> notices = new ArrayList<>();
        if (!offsets.isEmpty()) {
            Map<TopicPartition, Long> beginnings = this.offsets.beginnings(offsets.keySet());
            offsets.forEach((partition, offset) -> {
                long first = beginnings.get(partition);
                long end = ends.get(partition);
                if (offset < first) {
                    long moved = reset == OffsetReset.EARLIEST ? first : end;
                    notices.add(partition + ": offset " + offset + " is no longer in the log; starting at "
                            + (reset == OffsetReset.EARLIEST ? "the earliest available offset " : "the end, offset ") + moved);
                    start.put(partition, moved);
                } else if (offset > end) {
                    notices.add(partition + ": offset " + offset + " is past the end of the log; starting at the end, offset " + end);
                    start.put(partition, end);
                } else {
                    start.put(partition, offset);
                }
            });
        }
        Map<TopicPartition, Integer> passed = new HashMap<>();
        Map<TopicPartition, OffsetAndTimestamp> found = offsetsForTimes(times);
        // Where each millisecond the client saw records of ends: the first record after it (or the partition's end).
        Map<TopicPartition, Long> after = new HashMap<>();
        seenAt.keySet().forEach(partition -> after.put(partition, times.get(partition) + 1));
        Map<TopicPartition, OffsetAndTimestamp> nextMillisecond = offsetsForTimes(after);
        times.forEach((partition, time) -> {
            OffsetAndTimestamp at = found.get(partition);
            long end = ends.get(partition);
            if (at == null) {
                start.put(partition, end);
                return;
            }
            // The records of that millisecond are those from the first one found to the first record after it: the
            // client had the first "seen" of them. When the first record found is later than the millisecond, its
            // records are gone (retention) and nothing is passed over. Exact while timestamps do not go back within
            // the partition (LogAppendTime, or producers that stamp in order), also on a copy of the topic whose
            // offsets differ.
            long seen = 0;
            if (at.timestamp() == time && seenAt.containsKey(partition)) {
                OffsetAndTimestamp later = nextMillisecond.get(partition);
                long ofThatMillisecond = (later == null ? end : later.offset()) - at.offset();
                seen = Math.max(0, Math.min(seenAt.get(partition), ofThatMillisecond));
            }
            start.put(partition, at.offset() + seen);
            if (seen > 0) {
                passed.put(partition, (int) seen);
            }
        });
        return resolved(start, times, passed, notices);
    }

    /** Every requested position must name a partition of the request: another topic is 404, a missing partition 400. */
    private void check(List<RequestedPosition> requested) {
        Set<String> topics = new HashSet<>();
        partitions.forEach(partition -> topics.add(partition.topic()));
        Set<TopicPartition> known = new HashSet<>(partitions);
        for (RequestedPosition position : requested) {
            if (!topics.contains(position.topic())) {
                throw StreamProblem.topicNotInRequest(position.topic());
            }
            if (!known.contains(position.topicPartition())) {
                throw StreamProblem.badRequest("unknown-partition", "Unknown partition",
                        "Topic '" + position.topic() + "' has no partition " + position.partition(),
                        Map.of("topic", position.topic(), "partition", Integer.toString(position.partition())));
            }
        }
    }

    private Map<TopicPartition, Long> ends() {
        return new HashMap<>(offsets.ends(partitions));
    }

    /** The first offset at or after each time; the end of the partition when no record is that recent. */
    private Map<TopicPartition, Long> forTimes(Map<TopicPartition, Long> times, Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> found = new HashMap<>();
        Map<TopicPartition, OffsetAndTimestamp> answers = offsetsForTimes(times);
        times.keySet().forEach(partition -> {
            OffsetAndTimestamp at = answers.get(partition);
            found.put(partition, at == null ? ends.get(partition) : at.offset());
        });
        return found;
    }

    /** The first record at or after each time, with its timestamp; absent where no record is that recent. */
    private Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> times) {
        if (times.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetAndTimestamp> answers = new HashMap<>();
        offsets.forTimes(times).forEach((partition, at) -> {
            if (at != null) {
                answers.put(partition, at);
            }
        });
        return answers;
    }

    private Resolved resolved(Map<TopicPartition, Long> start, Map<TopicPartition, Long> times, List<String> notices) {
        return resolved(start, times, Map.of(), notices);
    }

    private Resolved resolved(Map<TopicPartition, Long> start, Map<TopicPartition, Long> times,
                              Map<TopicPartition, Integer> seen, List<String> notices) {
        Map<TopicPartition, Long> ordered = new LinkedHashMap<>();
        partitions.forEach(partition -> {
            ordered.put(partition, start.get(partition));
        });
        return new Resolved(ordered, Map.copyOf(times), Map.copyOf(seen), List.copyOf(notices));
    }

}
