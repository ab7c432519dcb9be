package io.kafkasse.fanout;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.json.JsonValue;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;

import io.kafkasse.frame.RecordDecoder;
import io.kafkasse.sink.EncodedData;

/**
 * The shared mode's one consumer for a topic: it tails every partition from the end it found when it opened, decodes
 * and encodes each record once into the partition's {@link PartitionWindow}, and tells the topic's readers that there is
 * more. It never waits for a client: a reader that is slow only falls behind in the window.
 */
final class TopicFeed {

    private static final Logger LOG = Logger.getLogger(TopicFeed.class.getName());
    private static final Duration POLL = Duration.ofSeconds(1);

    private final String topic;
    private final Consumer<byte[], byte[]> consumer;
    private final RecordDecoder decoder;
    private final Map<Integer, PartitionWindow> windows;
    private final Set<SharedStream> readers = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean failed;

    /** Assigns every partition and seeks to their current ends; Kafka errors leave here, before any client starts. */
    TopicFeed(String topic, List<TopicPartition> partitions, Consumer<byte[], byte[]> consumer, RecordDecoder decoder,
              int windowRecords, Duration timeout) {
        this.topic = topic;
        this.consumer = consumer;
        this.decoder = decoder;
        consumer.assign(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
        Map<Integer, PartitionWindow> byPartition = new HashMap<>();
        for (TopicPartition partition : partitions) {
            long end = ends.get(partition);
            consumer.seek(partition, end);
            byPartition.put(partition.partition(), new PartitionWindow(windowRecords, end));
        }
        this.windows = Map.copyOf(byPartition);
    }

    String topic() {
        return topic;
    }

    int partitions() {
        return windows.size();
    }

    PartitionWindow window(int partition) {
        return windows.get(partition);
    }

    boolean isServing() {
        return !closed.get() && !failed;
    }

    void join(SharedStream reader) {
        readers.add(reader);
    }

    void leave(SharedStream reader) {
        readers.remove(reader);
    }

    /** The canonical poll loop, on an executor thread of its own, until {@link #shutdown()}; closes the consumer. */
    void run() {
        try {
            while (!closed.get()) {
                ConsumerRecords<byte[], byte[]> records = poll();
                if (records.isEmpty()) {
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    Optional<JsonValue> value = decoder.decode(record);
                    windows.get(record.partition()).append(record, value.orElse(null),
                            value.map(json -> new EncodedData(json.toString())).orElse(null));
                }
                readers.forEach(SharedStream::signal);
            }
        } catch (WakeupException e) {
            if (!closed.get()) {
                fail(e);
            }
        } catch (RuntimeException e) {
            fail(e);
        } finally {
            consumer.close(Duration.ZERO);
        }
    }

    private ConsumerRecords<byte[], byte[]> poll() {
        try {
            return consumer.poll(POLL);
        } catch (RetriableException e) {
            LOG.warning(() -> "Topic " + topic + ": retrying after a transient Kafka error: " + e);
            return ConsumerRecords.empty();
        }
    }

    /** Every reader's next drain sees the failure and ends its stream with an error event at its own position. */
    private void fail(RuntimeException e) {
        failed = true;
        LOG.log(Level.WARNING, "The shared consumer of topic " + topic + " failed; its " + readers.size()
                + " clients are told to reconnect", e);
        readers.forEach(SharedStream::signal);
    }

    /** Ends the poll loop from any thread. */
    void shutdown() {
        closed.set(true);
        consumer.wakeup();
    }
}
