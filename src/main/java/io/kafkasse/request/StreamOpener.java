package io.kafkasse.request;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.common.TopicPartition;

import io.kafkasse.auth.Caller;
import io.kafkasse.config.ServiceConfig;
import io.kafkasse.delivery.Delivery;
import io.kafkasse.delivery.OpenStream;
import io.kafkasse.error.StreamProblem;
import io.kafkasse.filter.RecordFilters;
import io.kafkasse.observe.Connection;
import io.kafkasse.position.Cursor;
import io.kafkasse.position.RequestedPosition;
import io.kafkasse.position.StartPositions;
import io.kafkasse.sink.EventChannel;
import io.kafkasse.source.Feeds;
import io.kafkasse.source.PartitionWindow;
import io.kafkasse.source.PositionLookups;
import io.kafkasse.source.TopicCatalog;
import io.kafkasse.source.TopicWindows;

/**
 * Opens a stream: finds the partitions of the requested topics, resolves where the client starts (at the live end, or
 * where it resumes inside the live windows, with no Kafka request when the topic is already fed; through the shared
 * offset lookups when it resumes from elsewhere or starts from a time), leases the windows of each topic, and hands the client to {@link Delivery}. Errors so far are still HTTP
 * statuses.
 */
@ApplicationScoped
public class StreamOpener {

    @Inject
    ServiceConfig config;

    @Inject
    TopicCatalog catalog;

    @Inject
    NameAccess names;

    @Inject
    Feeds feeds;

    @Inject
    PositionLookups lookups;

    @Inject
    RecordFilters filters;

    @Inject
    Delivery delivery;

    @Inject
    Admission admission;

    /**
     * Answers whether the request could be served, as {@link #open} would, without opening anything: no connection
     * place, no window, no stream (a {@code HEAD} request: its body is discarded, so a stream opened for it would never
     * see its client leave). Unknown topics are still a 404, Kafka away still a 503.
     */
    public void check(StreamRequest request) {
        checkCount(partitionsOf(request));
    }

    private List<TopicPartition> partitionsOf(StreamRequest request) {
        try {
            return catalog.partitionsOf(request.topics(), request.configuredTopics());
        } catch (StreamProblem e) {
            throw e.type().equals(StreamProblem.UNKNOWN_TOPIC) ? names.unknownTopicAnswer(e, request.token()) : e;
        }
    }

    /** A stream's partitions are bounded: each event's id names every one of them. */
    private void checkCount(List<TopicPartition> partitions) {
        if (partitions.size() > config.maxPartitions()) {
            throw StreamProblem.badRequest("too-many-partitions", "Too many partitions", "The requested streams have "
                    + partitions.size() + " partitions together; a stream may read at most " + config.maxPartitions()
                    + ": request fewer topics in one stream", Map.of("limit", Integer.toString(config.maxPartitions())));
        }
    }

    /**
     * Ordering rule: the connection limits are checked first, before Kafka is asked anything, so that a client turned
     * away costs nothing; the places taken are given back when the connection closes (the error interceptor closes it
     * when this throws).
     */
    public OpenStream open(StreamRequest request, Connection connection, EventChannel channel) {
        connection.serves(request.streams(), request.streamOfTopic());
        request.caller().ifPresent(caller -> connection.identifiedAs(caller.name()));
        admission.admit(connection, request.streams());
        List<TopicPartition> partitions = partitionsOf(request);
        checkCount(partitions);
        Map<String, List<TopicPartition>> byTopic = new LinkedHashMap<>();
        partitions.forEach(partition -> byTopic.computeIfAbsent(partition.topic(), topic -> new ArrayList<>()).add(partition));
        long startedAt = System.currentTimeMillis();
        boolean live = request.resumeFrom().isEmpty() && request.since() == null;
        if (!live) {
            // History takes windows of its own: over the memory bound it waits until memory is given back.
            delivery.memory().checkRoomForHistory();
        }
        // Positions are checked before any windows are leased, so that a refused request opens nothing.
        StartPositions.Resolved requested = live ? null : inLiveWindows(byTopic, request.resumeFrom())
                .orElseGet(() -> resolve(new StartPositions(lookups, partitions), request));
        List<TopicWindows> leased = new ArrayList<>();
        try {
            byTopic.forEach((topic, topicPartitions) -> leased.add(feeds.acquire(topic, topicPartitions)));
            StartPositions.Resolved start = live ? atLiveEnd(partitions, leased) : requested;
            return delivery.open(cursorAt(start, startedAt), channel, filters.withBeans(request.filter()), start.notices(), leased,
                    connection, request.caller().map(Caller::expiresAtMillis).orElse(0L));
        } catch (RuntimeException e) {
            leased.forEach(feeds::release);
            throw e;
        }
    }

    /**
     * Where a client resumes when it names every partition of its stream by offset, each inside the live window of a
     * topic being fed: there, without asking Kafka (the window holds the record at that offset, or the offset is the
     * feed's next, so it is neither deleted nor past the end). A reconnect storm resumes this way, and a request costs
     * no round trip to the broker; anything else is resolved by {@link StartPositions#at}, which asks Kafka.
     */
    private Optional<StartPositions.Resolved> inLiveWindows(Map<String, List<TopicPartition>> byTopic,
                                                            List<RequestedPosition> resumeFrom) {
        Map<TopicPartition, Long> named = new HashMap<>();
        for (RequestedPosition position : resumeFrom) {
            if (!position.hasOffset()) {
                return Optional.empty();
            }
            named.put(position.topicPartition(), position.offset());
        }
        Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
        for (Map.Entry<String, List<TopicPartition>> topic : byTopic.entrySet()) {
            TopicWindows fed = feeds.windowsOf(topic.getKey());
            if (fed == null || !fed.isServing() || fed.partitions() != topic.getValue().size()) {
                return Optional.empty();
            }
            for (TopicPartition partition : topic.getValue()) {
                Long offset = named.get(partition);
                PartitionWindow window = fed.window(partition.partition());
                if (offset == null || window == null || offset < window.coveredFrom() || offset > window.nextOffset()) {
                    return Optional.empty();
                }
                offsets.put(partition, offset);
            }
        }
        // Every position named a partition of the request exactly once: else the full check answers (404, 400).
        return offsets.size() == resumeFrom.size() ? Optional.of(new StartPositions.Resolved(offsets, Map.of(), List.of()))
                : Optional.empty();
    }

    /** Where the request starts: where it resumes from, else since a time. */
    private StartPositions.Resolved resolve(StartPositions positions, StreamRequest request) {
        return !request.resumeFrom().isEmpty()
                ? positions.at(request.resumeFrom(), config.offsetReset())
                : positions.since(request.since());
    }

    /** The stream's cursor at its start, with ids in the configured form. */
    private Cursor cursorAt(StartPositions.Resolved start, long startedAt) {
        Cursor cursor = config.useTimestampForId()
                ? Cursor.withTimestamps(start.offsets(), start.timestamps(), start.seen(), startedAt)
                : new Cursor(start.offsets());
        cursor.compactWhenLongerThan(config.idMaxLength());
        return cursor;
    }

    /** Where each topic's live records start: a new client receives everything after that. */
    private static StartPositions.Resolved atLiveEnd(List<TopicPartition> partitions, List<TopicWindows> leased) {
        Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
        for (TopicPartition partition : partitions) {
            TopicWindows topic = leased.stream().filter(t -> t.topic().equals(partition.topic())).findFirst().orElseThrow();
            offsets.put(partition, topic.liveEnd(partition.partition()));
        }
        return new StartPositions.Resolved(offsets, Map.of(), List.of());
    }
}
