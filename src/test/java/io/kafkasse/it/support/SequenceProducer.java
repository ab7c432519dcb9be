package io.kafkasse.it.support;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes sequence numbers for {@link SequenceLedger}s to read: about 100 records a second over a topic's partitions in
 * turn, each value {@code {"p":partition,"seq":n}} with n counting from 0 in each partition, and each record waited for
 * until the broker has it before the next (so the numbers have no holes, through a broker crash too: the idempotent
 * producer retries without writing a record twice). Runs on a thread of its own until {@link #stop()}.
 */
public final class SequenceProducer implements AutoCloseable {

    private final AtomicBoolean producing = new AtomicBoolean(true);
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final AtomicLongArray produced;
    private final Thread thread;

    private SequenceProducer(TestKafka kafka, String topic, int partitions) {
        produced = new AtomicLongArray(partitions);
        for (int p = 0; p < partitions; p++) {
            produced.set(p, -1);
        }
        thread = new Thread(() -> {
            long n = 0;
            while (producing.get()) {
                int partition = (int) (n % partitions);
                long seq = n / partitions;
                try {
                    kafka.sendAsync(topic, partition, null, "{\"p\":" + partition + ",\"seq\":" + seq + "}").get();
                } catch (Exception e) {
                    failure.set(e);
                    return;
                }
                produced.set(partition, seq);
                n++;
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "sequence-producer-" + topic);
    }

    public static SequenceProducer start(TestKafka kafka, String topic, int partitions) {
        SequenceProducer producer = new SequenceProducer(kafka, topic, partitions);
        producer.thread.start();
        return producer;
    }

    /** The last sequence number written to each partition so far (-1 for none). */
    public long[] snapshot() {
        long[] copy = new long[produced.length()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = produced.get(i);
        }
        return copy;
    }

    /** Why the producer stopped before it was told to, or null. */
    public Exception failure() {
        return failure.get();
    }

    /** Stops writing and waits for the record under way; {@link #snapshot()} then says what was written in all. */
    public void stop() throws InterruptedException {
        producing.set(false);
        thread.join(30_000);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
