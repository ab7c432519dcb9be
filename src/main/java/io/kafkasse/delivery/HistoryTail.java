package io.kafkasse.delivery;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

import jakarta.json.JsonValue;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;

import io.kafkasse.filter.RecordFilter;
import io.kafkasse.frame.RecordDecoder;
import io.kafkasse.position.Cursor;
import io.kafkasse.sink.EventChannel;

/**
 * One client's history, older than the windows, read by a consumer of its own, already assigned and positioned,
 * polled in the canonical loop until the client's position is back inside the windows, the client goes away or the
 * server shuts the read down. The consumer is touched by the thread that runs {@link #follow} only;
 * {@link #shutdown()} may be called from any thread.
 */
final class HistoryTail {

    private static final Logger LOG = Logger.getLogger(HistoryTail.class.getName());

    private final Consumer<byte[], byte[]> consumer;
    private final Cursor cursor;
    private final RecordDecoder decoder;
    private final RecordFilter filter;
    private final EventChannel channel;
    private final long heartbeatNanos;
    private final Runnable onClosed;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** @param onClosed called once the consumer is closed */
    HistoryTail(Consumer<byte[], byte[]> consumer, Cursor cursor, RecordDecoder decoder, RecordFilter filter,
                EventChannel channel, Duration heartbeat, Runnable onClosed) {
        this.consumer = consumer;
        this.cursor = cursor;
        this.decoder = decoder;
        this.filter = filter;
        this.channel = channel;
        this.heartbeatNanos = heartbeat.toNanos();
        this.onClosed = onClosed;
    }

    /**
     * Streams records on a channel that is already started until {@code caughtUp} says so after a batch, the client
     * leaves or {@link #shutdown()}; closes the consumer, never the channel.
     *
     * @return whether it stopped because the stream caught up
     */
    boolean follow(BooleanSupplier caughtUp) {
        try {
            long lastWrite = System.nanoTime();
            while (!closed.get() && channel.isOpen()) {
                long untilHeartbeat = Math.max(1, heartbeatNanos - (System.nanoTime() - lastWrite));
                for (ConsumerRecord<byte[], byte[]> record : poll(Duration.ofNanos(untilHeartbeat))) {
                    cursor.advance(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, record.timestamp());
                    Optional<JsonValue> value = decoder.decode(record);
                    if (value.isPresent() && filter.accept(record, value.get())) {
                        channel.message(cursor.id(), value.get().toString());
                        lastWrite = System.nanoTime();
                        if (channel.isBacklogged()) {
                            // Reading on would only queue records for a client that has not taken the last ones.
                            channel.awaitWritable();
                        }
                    }
                }
                channel.flush();
                if (caughtUp.getAsBoolean()) {
                    return true;
                }
                if (System.nanoTime() - lastWrite >= heartbeatNanos) {
                    channel.heartbeat();
                    lastWrite = System.nanoTime();
                }
            }
            return false;
        } catch (WakeupException e) {
            if (!closed.get()) {
                throw e;
            }
            return false;
        } finally {
            try {
                consumer.close(Duration.ZERO);
            } finally {
                onClosed.run();
            }
        }
    }

    /** A broker that is briefly away is retried here, without bothering the client. */
    private ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
        try {
            return consumer.poll(timeout);
        } catch (RetriableException e) {
            LOG.warning(() -> "Retrying after a transient Kafka error: " + e);
            return ConsumerRecords.empty();
        }
    }

    /** Ends the stream from another thread: the poll loop wakes up, closes its consumer and returns. */
    void shutdown() {
        closed.set(true);
        consumer.wakeup();
    }
}
