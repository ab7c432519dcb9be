package io.kafkasse.source;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * A topic's log for history readers in tests: partition 0 of one topic holds a record at every offset from 0, and a
 * consumer sees the records up to {@link #release(long)} only, so a test decides how far readers may read. Every
 * consumer it hands out is kept, to count them and look at their assignment.
 */
public final class HistoryLog {

    private final TopicPartition partition;
    private volatile long released;
    private final List<LogConsumer> consumers = new CopyOnWriteArrayList<>();

    public HistoryLog(String topic) {
        this.partition = new TopicPartition(topic, 0);
    }

    /** Consumers see the records below this offset from now on. */
    public void release(long upTo) {
        released = upTo;
    }

    public LogConsumer newConsumer() {
        LogConsumer consumer = new LogConsumer();
        consumers.add(consumer);
        return consumer;
    }

    public List<LogConsumer> consumers() {
        return consumers;
    }

    /** The record's value: its partition and offset, padded, as the delivery tests expect. */
    public static String data(int partition, long offset) {
        return "{\"p\":" + partition + ",\"o\":" + offset + ",\"pad\":\"" + "x".repeat(40) + "\"}";
    }

    /** A MockConsumer over the log that, like a real consumer, waits a little in an empty poll. */
    public final class LogConsumer extends MockConsumer<byte[], byte[]> {

        private long added = -1;
        private volatile long startedAt = -1;

        LogConsumer() {
            super("none");
        }

        /** Where it was positioned first: where its reader started. */
        public long startedAt() {
            return startedAt;
        }

        @Override
        public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
            feed();
            ConsumerRecords<byte[], byte[]> records = super.poll(timeout);
            if (records.isEmpty()) {
                LockSupport.parkNanos(Math.min(timeout.toNanos(), Duration.ofMillis(2).toNanos()));
            }
            return records;
        }

        private synchronized void feed() {
            if (!assignment().contains(partition)) {
                return;
            }
            if (added < 0) {
                added = position(partition);
                startedAt = added;
            }
            for (long upTo = released; added < upTo; added++) {
                addRecord(new ConsumerRecord<>(partition.topic(), 0, added, null,
                        data(0, added).getBytes(StandardCharsets.UTF_8)));
            }
        }
    }
}
