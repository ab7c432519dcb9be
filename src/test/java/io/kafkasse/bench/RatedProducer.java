package io.kafkasse.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes JSON records of a fixed size at a fixed total rate, round-robin over the partitions. Each send is scheduled
 * at start + i / rate, not after the previous one, so a slow send does not lower the rate (coordinated omission):
 * sends that fall behind go out at once. The record timestamp is the producer's wall clock at send time, which is
 * what the load generator subtracts from its receive time.
 */
final class RatedProducer implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final int partitions;
    private final byte[] padding;
    private long sequence;

    RatedProducer(String bootstrapServers, String topic, int partitions, int recordBytes) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        // Latency is what is measured: send each record at once instead of waiting to fill a batch.
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        this.producer = new KafkaProducer<>(props);
        this.topic = topic;
        this.partitions = partitions;
        // The JSON around the padding is about 60 bytes; the server adds ~90 more for _kafka.
        this.padding = new byte[Math.max(0, recordBytes - 60)];
        Arrays.fill(padding, (byte) 'x');
    }

    /** Sends {@code rate} records a second for {@code seconds}, then waits until the broker acknowledged them all. */
    void run(int rate, int seconds) {
        long total = (long) rate * seconds;
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + i * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            long seq = sequence++;
            producer.send(new ProducerRecord<>(topic, (int) (seq % partitions), ("k" + seq).getBytes(StandardCharsets.UTF_8),
                    value(seq)));
        }
        producer.flush();
    }

    private byte[] value(long seq) {
        byte[] head = ("{\"seq\":" + seq + ",\"sentAt\":" + System.currentTimeMillis() + ",\"pad\":\"")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] value = Arrays.copyOf(head, head.length + padding.length + 2);
        System.arraycopy(padding, 0, value, head.length, padding.length);
        value[value.length - 2] = '"';
        value[value.length - 1] = '}';
        return value;
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(10));
    }
}
