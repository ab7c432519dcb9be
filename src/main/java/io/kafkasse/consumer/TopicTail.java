package io.kafkasse.consumer;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

import io.kafkasse.frame.RecordDecoder;
import io.kafkasse.position.Cursor;
import io.kafkasse.sink.EventChannel;

/**
 * One client's stream in the dedicated mode: its own consumer, already assigned and positioned, polled in the
 * canonical loop until the client goes away or the server shuts the stream down. The consumer is touched by the
 * thread that runs {@link #run()} only; {@link #shutdown()} may be called from any thread.
 */
public final class TopicTail {

    private final Consumer<byte[], byte[]> consumer;
    private final Cursor cursor;
    private final RecordDecoder decoder;
    private final EventChannel channel;
    private final long heartbeatNanos;
    private final AtomicBoolean closed = new AtomicBoolean();

    public TopicTail(Consumer<byte[], byte[]> consumer, Cursor cursor, RecordDecoder decoder, EventChannel channel,
                     Duration heartbeat) {
        this.consumer = consumer;
        this.cursor = cursor;
        this.decoder = decoder;
        this.channel = channel;
        this.heartbeatNanos = heartbeat.toNanos();
    }

    /** Streams records until the client leaves or {@link #shutdown()}; closes the consumer, never the channel. */
    public void run() {
        try {
            channel.start(cursor.id());
            long lastWrite = System.nanoTime();
            while (!closed.get() && channel.isOpen()) {
                long untilHeartbeat = Math.max(1, heartbeatNanos - (System.nanoTime() - lastWrite));
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofNanos(untilHeartbeat));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    cursor.advance(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                    var data = decoder.decode(record);
                    if (data.isPresent()) {
                        channel.message(cursor.id(), data.get());
                        lastWrite = System.nanoTime();
                    }
                }
                if (System.nanoTime() - lastWrite >= heartbeatNanos) {
                    channel.heartbeat();
                    lastWrite = System.nanoTime();
                }
            }
        } catch (WakeupException e) {
            if (!closed.get()) {
                throw e;
            }
        } finally {
            consumer.close(Duration.ZERO);
        }
    }

    /** Ends the stream from another thread: the poll loop wakes up, closes its consumer and returns. */
    public void shutdown() {
        closed.set(true);
        consumer.wakeup();
    }

    public Cursor cursor() {
        return cursor;
    }
}
