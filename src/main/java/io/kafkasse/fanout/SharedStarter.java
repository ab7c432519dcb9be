package io.kafkasse.fanout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.common.TopicPartition;

import io.kafkasse.config.ServiceConfig;
import io.kafkasse.consumer.OpenStream;
import io.kafkasse.consumer.RecordFilters;
import io.kafkasse.consumer.StreamStarter;
import io.kafkasse.position.StartPositions;
import io.kafkasse.request.StreamRequest;
import io.kafkasse.request.TopicCatalog;
import io.kafkasse.sink.EventChannel;

/**
 * Opens a stream in the shared mode: leases the feed of each requested topic (opening it for the topic's first
 * client), and resolves where the client starts: at the feeds' live end with no Kafka request at all, or, for a
 * client that resumes or starts from a time, with a pooled lookup consumer. Errors so far are still HTTP statuses.
 */
@ApplicationScoped
public class SharedStarter {

    @Inject
    ServiceConfig config;

    @Inject
    TopicCatalog catalog;

    @Inject
    SharedFeeds feeds;

    @Inject
    SharedStreams streams;

    @Inject
    PositionLookups lookups;

    @Inject
    RecordFilters filters;

    @Inject
    StreamStarter positions;

    public OpenStream open(StreamRequest request, EventChannel channel) {
        List<TopicPartition> partitions = catalog.partitionsOf(request.topics(), request.configuredTopics());
        Map<String, List<TopicPartition>> byTopic = new LinkedHashMap<>();
        partitions.forEach(partition -> byTopic.computeIfAbsent(partition.topic(), topic -> new ArrayList<>()).add(partition));
        long startedAt = System.currentTimeMillis();
        boolean atEnd = request.resumeFrom().isEmpty() && request.since() == null;
        // Positions are checked before any feed opens, so that a refused request never opens a consumer.
        StartPositions.Resolved requested = atEnd ? null
                : lookups.with(consumer -> positions.resolve(new StartPositions(consumer, partitions, config.kafkaTimeout()), request));
        List<TopicFeed> leased = new ArrayList<>();
        try {
            byTopic.forEach((topic, topicPartitions) -> leased.add(feeds.acquire(topic, topicPartitions)));
            StartPositions.Resolved start = atEnd ? atLiveEnd(partitions, leased) : requested;
            return new SharedStream(streams, positions.cursorAt(start, startedAt), channel,
                    filters.withBeans(request.filter()), start.notices(), leased, streams.heartbeatNanos());
        } catch (RuntimeException e) {
            leased.forEach(feeds::release);
            throw e;
        }
    }

    /** Where each feed will append its next record: a new client receives everything after that. */
    private static StartPositions.Resolved atLiveEnd(List<TopicPartition> partitions, List<TopicFeed> leased) {
        Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
        for (TopicPartition partition : partitions) {
            TopicFeed feed = leased.stream().filter(f -> f.topic().equals(partition.topic())).findFirst().orElseThrow();
            offsets.put(partition, feed.window(partition.partition()).nextOffset());
        }
        return new StartPositions.Resolved(offsets, Map.of(), List.of());
    }
}
