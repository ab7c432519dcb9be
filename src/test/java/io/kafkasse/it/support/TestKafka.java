package io.kafkasse.it.support;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The test's own view of the broker: it creates topics with unique names, produces records and lists groups. */
public final class TestKafka implements AutoCloseable {

    private final Admin admin;
    private final KafkaProducer<byte[], byte[]> producer;

    public TestKafka() {
        this(KafkaForTests.bootstrapServers());
    }

    /** The test's view of another broker (the suite's secure one, through its plaintext listener). */
    public TestKafka(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        admin = Admin.create(props);
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        // One request in flight: tests send in batches right after creating a topic, when the broker may still answer
        // NOT_LEADER_OR_FOLLOWER once; with several batches in flight the idempotent producer then met
        // OUT_OF_ORDER_SEQUENCE_NUMBER on every retry and never completed the batch.
        producerProps.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Creates a topic named {@code prefix-<random>} and waits until it exists. */
    public String createTopic(String prefix, int partitions) throws Exception {
        return createTopics(prefix, 1, partitions).get(0);
    }

    /**
     * Creates {@code count} topics named {@code prefix-<random>} in one request and waits until the broker serves each
     * of them: the controller acknowledges a creation before the broker's metadata has it, and a service asked at
     * that moment rightly answers that the topic does not exist.
     */
    public List<String> createTopics(String prefix, int count, int partitions) throws Exception {
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
        }
        admin.createTopics(names.stream().map(name -> new NewTopic(name, partitions, (short) 1)).toList())
                .all().get(30, TimeUnit.SECONDS);
        awaitServed(names, partitions);
        return names;
    }

    private void awaitServed(List<String> names, int partitions) throws Exception {
        Await.until(java.time.Duration.ofSeconds(30), "the broker to serve " + names, () -> {
            try {
                return admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                        .allMatch(d -> d.partitions().size() == partitions
                                && d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
                    return false;
                }
                throw new IllegalStateException("Describing " + names, e.getCause());
            } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("Describing " + names, e);
            }
        });
    }

    /** Creates a topic with exactly this name, unless it exists. */
    public String createTopicNamed(String name, int partitions) throws Exception {
        if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(name)) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        awaitServed(List.of(name), partitions);
        return name;
    }

    /** Deletes the topic, as an operator would while clients read it. */
    /** Gives the topic {@code total} partitions (more than it has), as an operator scaling it out would. */
    public void addPartitions(String topic, int total) throws Exception {
        admin.createPartitions(Map.of(topic, org.apache.kafka.clients.admin.NewPartitions.increaseTo(total)))
                .all().get(30, TimeUnit.SECONDS);
    }

    public void deleteTopic(String topic) throws Exception {
        admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
    }

    /** Makes the records before {@code offset} disappear, as retention would. */
    public void deleteRecordsBefore(String topic, int partition, long offset) throws Exception {
        admin.deleteRecords(Map.of(new TopicPartition(topic, partition), RecordsToDelete.beforeOffset(offset)))
                .all().get(30, TimeUnit.SECONDS);
    }

    public RecordMetadata sendAt(String topic, int partition, long timestamp, String key, String value) throws Exception {
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        return producer.send(new ProducerRecord<>(topic, partition, timestamp, keyBytes, value.getBytes(StandardCharsets.UTF_8)))
                .get(30, TimeUnit.SECONDS);
    }

    public RecordMetadata send(String topic, int partition, String key, String value) throws Exception {
        return sendBytes(topic, partition, key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    public RecordMetadata sendBytes(String topic, int partition, String key, byte[] value) throws Exception {
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        return producer.send(new ProducerRecord<>(topic, partition, keyBytes, value)).get(30, TimeUnit.SECONDS);
    }

    /** Sends without waiting for the broker: for tests that produce at a rate. {@link #flush()} waits for them all. */
    /** A record with headers, each given as name and raw value. */
    public RecordMetadata sendWithHeaders(String topic, int partition, String key, String value, Map<String, byte[]> headers)
            throws Exception {
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, partition, keyBytes, value.getBytes(StandardCharsets.UTF_8));
        headers.forEach((name, raw) -> record.headers().add(name, raw));
        return producer.send(record).get(30, TimeUnit.SECONDS);
    }

    public java.util.concurrent.Future<RecordMetadata> sendAsync(String topic, int partition, String key, String value) {
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        return producer.send(new ProducerRecord<>(topic, partition, keyBytes, value.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Sends one sentinel record to every partition of the topic: a JSON object whose {@code sentinel} field is a
     * unique marker (plus {@code fields}, for filters the sentinel must pass), keyed {@code key}. Returns the markers.
     */
    public List<String> sendSentinels(String topic, String key, String fields) throws Exception {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions().size();
        List<String> markers = new java.util.ArrayList<>();
        for (int partition = 0; partition < partitions; partition++) {
            String marker = Sentinels.marker();
            send(topic, partition, key, "{\"sentinel\":\"" + marker + "\"" + (fields.isEmpty() ? "" : "," + fields) + "}");
            markers.add(marker);
        }
        return markers;
    }

    public void flush() {
        producer.flush();
    }

    /** Every group the broker knows of, of any type: the service must never create one. */
    public Collection<String> groups() throws Exception {
        return admin.listGroups().all().get(30, TimeUnit.SECONDS).stream().map(GroupListing::groupId).toList();
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }
}
