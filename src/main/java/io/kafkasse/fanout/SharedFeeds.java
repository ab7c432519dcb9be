package io.kafkasse.fanout;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

import io.kafkasse.config.ServiceConfig;
import io.kafkasse.consumer.KafkaConsumers;
import io.kafkasse.consumer.StreamExecutor;
import io.kafkasse.error.StreamProblem;
import io.kafkasse.frame.RecordDecoder;

/**
 * The shared mode's feeds, one per topic that at least one client reads: opened by the first client of a topic and
 * closed when its last client leaves, so Kafka consumers grow with the topics being read, not with the clients.
 */
@ApplicationScoped
public class SharedFeeds {

    private static final Logger LOG = Logger.getLogger(SharedFeeds.class.getName());

    @Inject
    ServiceConfig config;

    @Inject
    KafkaConsumers consumers;

    @Inject
    RecordDecoder decoder;

    @Inject
    StreamExecutor executor;

    /** Guarded by {@code this}, as are the lease counts. */
    private final Map<String, TopicFeed> feeds = new HashMap<>();
    private final Map<TopicFeed, Integer> leases = new HashMap<>();

    /** The running feed of the topic, opened if needed; the caller must {@link #release} it. */
    synchronized TopicFeed acquire(String topic, List<TopicPartition> partitions) {
        TopicFeed feed = feeds.get(topic);
        // A feed that failed, or that was opened before the topic grew partitions, serves its clients to the end only.
        if (feed == null || !feed.isServing() || feed.partitions() != partitions.size()) {
            feed = open(topic, partitions);
            feeds.put(topic, feed);
        }
        leases.merge(feed, 1, Integer::sum);
        return feed;
    }

    synchronized void release(TopicFeed feed) {
        int left = leases.merge(feed, -1, Integer::sum);
        if (left <= 0) {
            leases.remove(feed);
            feeds.remove(feed.topic(), feed);
            feed.shutdown();
        }
    }

    private TopicFeed open(String topic, List<TopicPartition> partitions) {
        Consumer<byte[], byte[]> consumer = consumers.open("shared");
        TopicFeed feed;
        try {
            feed = new TopicFeed(topic, partitions, consumer, decoder, config.windowRecords(), config.kafkaTimeout());
        } catch (KafkaException e) {
            consumers.close(consumer);
            throw StreamProblem.kafkaUnavailable(e);
        } catch (RuntimeException e) {
            consumers.close(consumer);
            throw e;
        }
        try {
            executor.execute(() -> {
                try {
                    feed.run();
                } finally {
                    consumers.closed();
                }
            });
        } catch (RejectedExecutionException e) {
            consumers.close(consumer);
            throw StreamProblem.overloaded(e);
        }
        LOG.fine(() -> "Opened the shared consumer of topic " + topic);
        return feed;
    }

    @PreDestroy
    synchronized void shutdownAll() {
        leases.keySet().forEach(TopicFeed::shutdown);
        feeds.clear();
        leases.clear();
    }
}
