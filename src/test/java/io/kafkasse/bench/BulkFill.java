package io.kafkasse.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Fills a topic before a scenario reads it, as fast as the broker takes records: big batches, no waiting for each. */
final class BulkFill {

    private BulkFill() {
    }

    /** {@code records} JSON records of about {@code recordBytes} bytes ({@code seq} and padding), round-robin over the partitions. */
    static void fill(String bootstrap, String topic, int partitions, long records, int recordBytes) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
        // Room for records of several KB in a request (the window scenario's are 10 KB).
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(4 * 1024 * 1024));
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        byte[] pad = new byte[Math.max(0, recordBytes - 60)];
        Arrays.fill(pad, (byte) 'x');
        String padding = new String(pad, StandardCharsets.US_ASCII);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (long i = 0; i < records; i++) {
                byte[] value = ("{\"seq\":" + i + ",\"pad\":\"" + padding + "\"}").getBytes(StandardCharsets.US_ASCII);
                producer.send(new ProducerRecord<>(topic, (int) (i % partitions), null, value));
            }
            producer.flush();
        }
    }
}
