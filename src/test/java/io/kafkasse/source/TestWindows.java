package io.kafkasse.source;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.kafkasse.error.StreamProblem;
import io.kafkasse.frame.JsonRecordDeserializer;
import io.kafkasse.frame.RecordDecoder;
import io.kafkasse.sink.EncodedData;

/**
 * Lets tests of other packages play the feed: it builds a topic's windows and appends to them as the feed's poll thread
 * does. It lives in the test tree of {@code io.kafkasse.source}, so it reaches the package-private constructor and
 * methods without any hook in the main code.
 */
public final class TestWindows {

    private TestWindows() {
    }

    /** A topic of {@code partitions} windows, each serving from {@code startOffset} and holding up to {@code capacity} records. */
    public static TopicWindows topic(String name, int partitions, int capacity, long startOffset) {
        Map<Integer, PartitionWindow> windows = new HashMap<>();
        Map<Integer, Long> ends = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            windows.put(p, new PartitionWindow(capacity, Long.MAX_VALUE, startOffset));
            ends.put(p, startOffset);
        }
        return new TopicWindows(name, windows, ends);
    }

    /** Appends a record as the feed does (poll thread only: one thread per topic at a time), without signalling. */
    public static void append(TopicWindows topic, int partition, long offset, String json) {
        PartitionWindow window = topic.window(partition);
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(topic.topic(), partition, offset, null, null);
        window.append(WindowEntry.of(window.head(), record, null, new EncodedData(json)));
    }

    /** Appends and tells the topic's readers, as the feed does after a poll. */
    public static void appendAndSignal(TopicWindows topic, int partition, long offset, String json) {
        append(topic, partition, offset, json);
        topic.signalReaders();
    }

    public static void signalReaders(TopicWindows topic) {
        topic.signalReaders();
    }

    /** The topic can no longer be fed (deleted, changed): its readers are signalled and learn the problem. */
    public static void fail(TopicWindows topic, StreamProblem problem) {
        topic.fail(problem);
    }

    /** How records become entries, as the service builds them, with records larger than {@code maxRecordBytes} skipped. */
    public static WindowAppender appender(int maxRecordBytes) {
        return new WindowAppender(new RecordDecoder(new JsonRecordDeserializer()), false, maxRecordBytes);
    }
}
