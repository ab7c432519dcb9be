package io.kafkasse.dev;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * A real Kafka broker for the tests and the demo, in this order of preference: the cluster named by
 * {@code KAFKA_BOOTSTRAP_SERVERS}; a Testcontainers broker when a Docker daemon answers; otherwise a single KRaft node
 * (broker and controller in one) inside this JVM, built from Maven Central artifacts, with its data under
 * {@code dataDir}.
 */
public final class KafkaBroker implements AutoCloseable {

    static final String KAFKA_IMAGE = "apache/kafka:4.1.1";

    private static final Logger LOG = Logger.getLogger(KafkaBroker.class.getName());

    private final String bootstrapServers;
    private final AutoCloseable running;
    private final String description;

    private KafkaBroker(String bootstrapServers, AutoCloseable running, String description) {
        this.bootstrapServers = bootstrapServers;
        this.running = running;
        this.description = description;
    }

    public static KafkaBroker start(Path dataDir) throws Exception {
        String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (external != null && !external.isBlank()) {
            return new KafkaBroker(external, () -> { }, "external cluster at " + external);
        }
        if (dockerAvailable()) {
            KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
            container.start();
            return new KafkaBroker(container.getBootstrapServers(), container::stop, "Testcontainers " + KAFKA_IMAGE);
        }
        return embedded(dataDir);
    }

    public static KafkaBroker embedded(Path dataDir) throws Exception {
        deleteRecursively(dataDir);
        Files.createDirectories(dataDir);
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setBaseDirectory(dataDir)
                .build())
                // A single node cannot hold three replicas of the internal topics: without these it hangs silently.
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return new KafkaBroker(cluster.bootstrapServers(), cluster, "embedded KRaft node, data in " + dataDir);
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String description() {
        return description;
    }

    @Override
    public void close() throws Exception {
        LOG.info(() -> "Stopping Kafka: " + description);
        running.close();
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
