package io.kafkasse.dev;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * {@code mvn -Pdemo package}: a real KRaft broker (data under {@code target/demo/}), demo topics with live data, and
 * the WAR on Payara Micro at http://localhost:8080/. Ctrl-C stops all of it.
 */
public final class Demo {

    private static volatile boolean stopping;

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        DevProcesses.quietKafkaLogs();
        Path dir = Path.of(System.getProperty("demo.dir", "target/demo"));
        int port = Integer.getInteger("demo.http.port", 8080);
        Files.createDirectories(dir);

        List<AutoCloseable> running = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping = true;
            System.out.println("Stopping the demo...");
            DevProcesses.stopAll(running);
        }, "demo-shutdown"));

        String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        KafkaBroker broker = external == null || external.isBlank()
                ? KafkaBroker.embedded(dir.resolve("kafka"))
                : KafkaBroker.start(dir.resolve("kafka"));
        running.add(broker);
        System.out.println("Kafka: " + broker.description() + " at " + broker.bootstrapServers());

        createTopics(broker.bootstrapServers());
        DemoFeeds feeds = new DemoFeeds(broker.bootstrapServers());
        running.add(0, feeds);
        feeds.start();

        if ("none".equals(System.getProperty("demo.server"))) {
            System.out.println();
            System.out.println("Kafka with live demo data is at " + broker.bootstrapServers() + " (topics " + DemoFeeds.RECENT_CHANGES
                    + ", " + DemoFeeds.ORDERS + "). Point your own server at it with -Dkafka.bootstrap.servers="
                    + broker.bootstrapServers() + ". Press Ctrl-C to stop.");
            Thread.currentThread().join();
        }
        System.out.println("Starting Payara Micro on port " + port + " (about 10 s)...");
        PayaraServer server = PayaraServer.start(required("demo.payara.jar"), required("demo.war"),
                required("demo.server.config"), port, "512m",
                // The demo's own topics and nothing else, as a deployment should list its public topics.
                Map.of("kafka.bootstrap.servers", broker.bootstrapServers(), "sse.streams.wiki.topics", DemoFeeds.RECENT_CHANGES,
                        "sse.allowed-topics", DemoFeeds.RECENT_CHANGES + "," + DemoFeeds.ORDERS),
                dir.resolve("payara.log"));
        running.add(0, server);
        server.awaitReady(Duration.ofMinutes(3));

        String base = "http://localhost:" + port;
        System.out.println();
        System.out.println("Console: " + base + "/  (open it in a browser: pick a stream, watch it live)");
        System.out.println("kafka-sse is running at " + base + "/ with live demo data.");
        System.out.println("  curl -N " + base + "/v2/stream/" + DemoFeeds.RECENT_CHANGES);
        System.out.println("  curl -N " + base + "/v2/stream/" + DemoFeeds.ORDERS + "," + DemoFeeds.RECENT_CHANGES);
        System.out.println("  curl -N '" + base + "/v2/stream/wiki?match.wiki=dewiki'");
        System.out.println("  curl -N -H 'Accept: application/x-ndjson' " + base + "/v2/stream/" + DemoFeeds.ORDERS);
        System.out.println("  curl " + base + "/v2/streams");
        System.out.println("  curl " + base + "/v2/stats");
        System.out.println("  curl " + base + "/v2/metrics");
        System.out.println("  In a browser's console on " + base + "/: new EventSource('v2/stream/"
                + DemoFeeds.ORDERS + "').onmessage = e => console.log(JSON.parse(e.data))");
        System.out.println("Server log: " + dir.resolve("payara.log") + ". Press Ctrl-C to stop everything.");

        int exit = server.waitFor();
        if (stopping) {
            return;
        }
        System.err.println("Payara Micro exited with status " + exit + "; see " + dir.resolve("payara.log"));
        System.exit(exit == 0 ? 0 : 1);
    }

    private static void createTopics(String bootstrapServers) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            if (!existing.contains(DemoFeeds.RECENT_CHANGES)) {
                missing.add(new NewTopic(DemoFeeds.RECENT_CHANGES, 3, (short) 1));
            }
            if (!existing.contains(DemoFeeds.ORDERS)) {
                missing.add(new NewTopic(DemoFeeds.ORDERS, 4, (short) 1));
            }
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        }
    }



    private static Path required(String property) {
        String value = System.getProperty(property);
        if (value == null || !new File(value).exists()) {
            throw new IllegalStateException("System property " + property + " must name an existing file (" + value
                    + "); start the demo with: mvn -Pdemo package");
        }
        return Path.of(value);
    }



}
