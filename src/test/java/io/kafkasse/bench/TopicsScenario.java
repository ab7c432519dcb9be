package io.kafkasse.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Scenario 6, many topics ({@code bench.scenarios=topics}): {@code bench.topics.count} topics (1,000) of
 * {@code bench.topics.partitions} partitions (1) are created, then {@code bench.topics.clients-per-topic} clients (2)
 * open each topic, {@code /v2/stream/<topic>}, from one generator JVM (each topic's first client before any second
 * one). Once all are open, one record (the sentinel) is produced to each partition of each topic: every client must
 * receive its own topic's sentinels exactly once, and nothing of another topic. What the service holds is read before
 * (the idle server) and while every stream is open: Kafka consumers ({@code /v2/stats}), TCP connections to the
 * broker, threads and resident memory. The topics are deleted afterwards, and the time until the server let go of them
 * all is measured.
 */
final class TopicsScenario {

    /** What the server holds at one moment. */
    record Snapshot(long liveConsumers, long feed, long history, long lookup, long brokerConnections, long threads,
                    long rssMiB) {

        static Snapshot of(ServerProbe probe) {
            return new Snapshot(probe.stat("liveConsumers"), probe.stat("feed"), probe.stat("history"),
                    probe.stat("lookup"), probe.brokerConnections(), probe.threads(), probe.rssMiB());
        }
    }

    record Result(String mode, int topics, int clientsPerTopic, int partitions, int clients, int opened, int failed,
                  String firstFailure, long allOpenMs, long openP50, long openP99, long openMax, long delivered,
                  long expected, int reachedEnd, long lost, long duplicated, long wrongTopic, long unexpected,
                  int droppedAfterOpen, long serverOpenStreams, long serverTopics, long serverTopicClients,
                  Snapshot before, Snapshot open, long peakThreads, long peakRssMiB, long releasedMs,
                  long topicsAfter, long openStreamsAfter, long liveConsumersAfter) {
    }

    private static final Duration DRAIN = Duration.ofSeconds(30);
    private static final int ADMIN_BATCH = 250;

    private TopicsScenario() {
    }

    static Result run(BenchMode mode, BenchSettings settings, String bootstrap, Admin admin, ServerProbe probe)
            throws Exception {
        int count = Integer.getInteger("bench.topics.count", 1_000);
        int perTopic = Integer.getInteger("bench.topics.clients-per-topic", 2);
        int partitions = Integer.getInteger("bench.topics.partitions", 1);
        int clients = count * perTopic;
        int digits = Integer.toString(count - 1).length();
        List<String> topics = IntStream.range(0, count)
                .mapToObj(i -> String.format("bench-topics-%0" + digits + "d", i)).toList();
        System.out.printf("%nMany topics (%s): %,d topics of %d partition(s), %d clients each (%,d clients)...%n",
                mode.name(), count, partitions, perTopic, clients);

        Snapshot before = Snapshot.of(probe);
        System.out.println("  idle server: " + before);
        long created = System.nanoTime();
        createTopics(admin, topics, partitions);
        System.out.printf("  %,d topics created in %.1f s%n", count, (System.nanoTime() - created) / 1e9);
        Path topicsFile = settings.dir().resolve("topics-" + mode.name() + ".txt");
        Files.write(topicsFile, topics);

        boolean deleted = false;
        try {
            Map<String, String> ready;
            Map<String, String> result;
            Snapshot open;
            long serverOpen;
            long[] fed;
            long peakThreads;
            long peakRss;
            try (PeakSampler peaks = new PeakSampler(probe);
                 GeneratorProcess generator = GeneratorProcess.startTopics(settings, clients, topicsFile, partitions,
                         "generator-topics-" + mode.name() + ".log")) {
                ready = generator.await("READY", Duration.ofMinutes(10));
                serverOpen = probe.stat("openStreams");
                fed = probe.topicsFed();
                open = Snapshot.of(probe);
                System.out.printf("  %s opened, %s failed%s, all open after %s ms (open p50 %s ms, p99 %s ms); the server "
                                + "counts %,d open streams on %,d topics (%,d clients)%n  while open: %s%n",
                        ready.get("opened"), ready.get("failed"),
                        ready.containsKey("firstFailure") ? " (first: " + ready.get("firstFailure") + ")" : "",
                        ready.get("allOpenMs"), ready.get("openP50"), ready.get("openP99"), serverOpen, fed[0], fed[1], open);

                long[] start = endOffsets(admin, topics, partitions);
                for (long offset : start) {
                    if (offset != 0) {
                        throw new IllegalStateException("A topic just created already holds records: " + offset);
                    }
                }
                generator.send("START " + repeat(0, partitions));
                generator.await("STARTED", Duration.ofSeconds(30));
                produceSentinels(bootstrap, topics, partitions);
                generator.send("END " + repeat(1, partitions) + " " + DRAIN.toMillis());
                result = generator.await("RESULT", DRAIN.plusMinutes(1));
                System.out.println("  " + result);
                peakThreads = peaks.threads();
                peakRss = peaks.rssMiB();
            }
            deleted = true;
            long[] after = deleteAndAwaitRelease(admin, topics, probe);
            System.out.printf("  topics deleted; the server let go of them after %,d ms: %d topics, %d open streams, "
                    + "%d live consumers%n", after[0], after[1], after[2], after[3]);
            return new Result(mode.name(), count, perTopic, partitions, clients, Integer.parseInt(ready.get("opened")),
                    Integer.parseInt(ready.get("failed")), ready.getOrDefault("firstFailure", ""),
                    Long.parseLong(ready.get("allOpenMs")), Long.parseLong(ready.get("openP50")),
                    Long.parseLong(ready.get("openP99")), Long.parseLong(ready.get("openMax")),
                    Long.parseLong(result.get("delivered")), (long) clients * partitions,
                    Integer.parseInt(result.get("reachedEnd")), Long.parseLong(result.get("lost")),
                    Long.parseLong(result.get("duplicated")), Long.parseLong(result.get("wrongTopic")),
                    Long.parseLong(result.get("unexpected")), Integer.parseInt(result.get("droppedAfterOpen")),
                    serverOpen, fed[0], fed[1], before, open, peakThreads, peakRss, after[0], after[1], after[2], after[3]);
        } catch (Exception e) {
            if (!deleted) {
                deleteTopics(admin, topics);
            }
            throw e;
        }
    }

    /** Creates the topics in batches and waits until the broker describes every one of them. */
    private static void createTopics(Admin admin, List<String> topics, int partitions) throws Exception {
        for (List<String> batch : batches(topics)) {
            admin.createTopics(batch.stream().map(name -> new NewTopic(name, partitions, (short) 1)).toList())
                    .all().get(2, TimeUnit.MINUTES);
        }
        // The controller has them; the broker's metadata may lag behind by a moment (seen with 1,000 topics).
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        for (List<String> batch : batches(topics)) {
            while (true) {
                try {
                    admin.describeTopics(batch).allTopicNames().get(2, TimeUnit.MINUTES);
                    break;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(200);
                }
            }
        }
    }

    /** Deletes the topics; returns {ms until the server fed none and had no open stream (or gave up after a minute), topics, open streams, live consumers}. */
    private static long[] deleteAndAwaitRelease(Admin admin, List<String> topics, ServerProbe probe) throws Exception {
        long start = System.nanoTime();
        deleteTopics(admin, topics);
        long deadline = start + Duration.ofMinutes(1).toNanos();
        long[] fed = probe.topicsFed();
        long open = probe.stat("openStreams");
        while ((fed[0] != 0 || open != 0) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            fed = probe.topicsFed();
            open = probe.stat("openStreams");
        }
        return new long[] {(System.nanoTime() - start) / 1_000_000, fed[0], open, probe.stat("liveConsumers")};
    }

    private static void deleteTopics(Admin admin, List<String> topics) {
        for (List<String> batch : batches(topics)) {
            try {
                admin.deleteTopics(batch).all().get(2, TimeUnit.MINUTES);
            } catch (Exception e) {
                System.out.println("  deleting topics failed: " + e);
            }
        }
    }

    /** One sentinel per partition of each topic; its value names the topic and partition. */
    private static void produceSentinels(String bootstrap, List<String> topics, int partitions) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (String topic : topics) {
                for (int p = 0; p < partitions; p++) {
                    producer.send(new ProducerRecord<>(topic, p, topic.getBytes(StandardCharsets.UTF_8),
                            ("{\"sentinel\":\"" + topic + "\",\"partition\":" + p + "}").getBytes(StandardCharsets.UTF_8)));
                }
            }
            producer.flush();
        }
    }

    /** The end offset of every partition of every topic. */
    private static long[] endOffsets(Admin admin, List<String> topics, int partitions) throws Exception {
        List<Long> offsets = new ArrayList<>();
        for (List<String> batch : batches(topics)) {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            batch.forEach(topic -> IntStream.range(0, partitions)
                    .forEach(p -> request.put(new TopicPartition(topic, p), OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answer =
                    admin.listOffsets(request).all().get(2, TimeUnit.MINUTES);
            answer.values().forEach(info -> offsets.add(info.offset()));
        }
        return offsets.stream().mapToLong(Long::longValue).toArray();
    }

    private static List<List<String>> batches(List<String> topics) {
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < topics.size(); i += ADMIN_BATCH) {
            batches.add(topics.subList(i, Math.min(topics.size(), i + ADMIN_BATCH)));
        }
        return batches;
    }

    private static String repeat(long value, int times) {
        return Collections.nCopies(times, Long.toString(value)).stream().collect(Collectors.joining(" "));
    }
}
