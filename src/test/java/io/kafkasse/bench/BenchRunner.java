package io.kafkasse.bench;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import io.kafkasse.dev.DevProcesses;
import io.kafkasse.dev.KafkaBroker;
import io.kafkasse.dev.PayaraServer;

/**
 * {@code mvn -Pbench package}: scenario 1, fan-out. Starts an embedded KRaft broker and Payara Micro (a child process,
 * -Xmx1g), then for each number of clients starts a {@link LoadGenerator} JVM holding that many SSE connections to
 * {@code /v2/stream/bench}, produces records at a fixed rate, and prints one table row per number of clients and rate (also
 * written to {@code target/bench/results.md}).
 */
public final class BenchRunner {

    static final String TOPIC = "bench";

    private static final Logger LOG = Logger.getLogger(BenchRunner.class.getName());
    /** How long, after production ended, clients may take to receive the last records before the rest count as lost. */
    private static final Duration DRAIN = Duration.ofSeconds(30);

    private final BenchSettings settings;
    private final Admin admin;
    private final RatedProducer producer;
    private final ServerProbe probe;

    private BenchRunner(BenchSettings settings, Admin admin, RatedProducer producer, ServerProbe probe) {
        this.settings = settings;
        this.admin = admin;
        this.producer = producer;
        this.probe = probe;
    }

    public static void main(String[] args) throws Exception {
        DevProcesses.quietKafkaLogs();
        BenchSettings settings = BenchSettings.fromSystemProperties();
        Files.createDirectories(settings.dir());
        List<AutoCloseable> running = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> DevProcesses.stopAll(running), "bench-shutdown"));
        int exit = 1;
        try {
            KafkaBroker broker = KafkaBroker.embedded(settings.dir().resolve("kafka"));
            running.add(0, broker);
            String bootstrap = broker.bootstrapServers();
            System.out.println("Kafka: " + broker.description() + " at " + bootstrap);

            Admin admin = Admin.create(adminProps(bootstrap));
            running.add(0, admin);
            admin.createTopics(List.of(new NewTopic(TOPIC, settings.partitions(), (short) 1))).all().get(30, TimeUnit.SECONDS);

            System.out.println("Starting Payara Micro on port " + settings.port() + " (about 10 s)...");
            PayaraServer server = PayaraServer.start(settings.payaraJar(), settings.war(), settings.serverConfig(),
                    settings.port(), "1g", serverProperties(settings, bootstrap), settings.dir().resolve("payara.log"));
            running.add(0, server);
            server.awaitReady(Duration.ofMinutes(3));

            RatedProducer producer = new RatedProducer(bootstrap, TOPIC, settings.partitions(), settings.recordBytes());
            running.add(0, producer);
            BenchRunner runner = new BenchRunner(settings, admin, producer,
                    new ServerProbe(server.pid(), settings.port(), brokerPort(bootstrap)));

            List<ScenarioResult> results = new ArrayList<>();
            StringBuilder report = new StringBuilder();
            if (settings.runs("fanout")) {
                for (int clients : settings.clients()) {
                    for (int rate : settings.rates()) {
                        results.add(runner.fanOut(clients, rate));
                        ResultsTable.write(settings.dir().resolve("results.md"), ResultsTable.render(settings, results));
                    }
                }
                report.append(ResultsTable.render(settings, results));
            }
            if (settings.runs("drain")) {
                report.append(ResultsTable.renderDrain(settings,
                        DrainScenario.run(bootstrap, admin, settings, runner.probe, settings.drainRecords())));
                ResultsTable.write(settings.dir().resolve("results.md"), report.toString());
            }
            if (settings.runs("idle")) {
                runner.awaitNoOpenStreams();
                report.append(ResultsTable.renderIdle(settings, IdleScenario.run(settings, runner.probe, settings.idleClients())));
            }
            ResultsTable.write(settings.dir().resolve("results.md"), report.toString());
            System.out.println();
            System.out.println(report);
            System.out.println("Written to " + settings.dir().resolve("results.md") + "; server log " + server.log());
            exit = 0;
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "The benchmark failed", e);
        }
        // The shutdown hook stops the server, the broker and the clients.
        System.exit(exit);
    }

    /** One row: {@code clients} connections, warm-up, a measured window, then every client must catch up. */
    private ScenarioResult fanOut(int clients, int rate) throws Exception {
        awaitNoOpenStreams();
        System.out.printf("%n%,d clients, %d records/s: connecting...%n", clients, rate);
        try (GeneratorProcess generator = GeneratorProcess.start(settings, clients);
             PeakSampler peaks = new PeakSampler(probe)) {
            Map<String, String> ready = generator.await("READY", Duration.ofMinutes(5));
            System.out.println("  " + ready.get("opened") + " connected, " + ready.get("failed") + " failed"
                    + (ready.containsKey("firstFailure") ? " (first: " + ready.get("firstFailure") + ")" : "")
                    + "; server threads " + probe.threads() + ", RSS " + probe.rssMiB() + " MiB");
            generator.send("START " + join(endOffsets()));
            // Records produced before the generator knows where they start would count as unexpected and lost.
            generator.await("STARTED", Duration.ofSeconds(30));
            System.out.printf("  producing: %d s warm-up, %d s measured%n", settings.warmupSeconds(),
                    settings.durationSeconds());
            producer.run(rate, settings.warmupSeconds());
            CpuMeter cpu = new CpuMeter(probe.pid());
            generator.send("MEASURE " + join(endOffsets()));
            cpu.start();
            producer.run(rate, settings.durationSeconds());
            CpuMeter.Usage usage = cpu.stop();
            long[] end = endOffsets();
            // Sampled while every client is still connected.
            long heap = probe.heapUsedMiB();
            long consumers = probe.stat("liveConsumers");
            long brokerConnections = probe.brokerConnections();
            generator.send("END " + join(end) + " " + DRAIN.toMillis());
            Map<String, String> result = generator.await("RESULT", DRAIN.plusMinutes(1));
            System.out.println("  " + result);
            return ScenarioResult.of(rate, result, peaks, heap, consumers, brokerConnections, usage);
        }
    }

    /**
     * The previous generator's connections stay open on the server until a write to them fails, which with no records
     * would take a heartbeat interval: a record to each partition makes the server write, and notice, sooner.
     */
    private void awaitNoOpenStreams() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (probe.stat("openStreams") > 0 && System.nanoTime() < deadline) {
            producer.run(settings.partitions(), 1);
        }
    }

    private long[] endOffsets() throws Exception {
        Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
        for (int p = 0; p < settings.partitions(); p++) {
            request.put(new TopicPartition(TOPIC, p), OffsetSpec.latest());
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answer =
                admin.listOffsets(request).all().get(30, TimeUnit.SECONDS);
        long[] offsets = new long[settings.partitions()];
        for (int p = 0; p < offsets.length; p++) {
            offsets[p] = answer.get(new TopicPartition(TOPIC, p)).offset();
        }
        return offsets;
    }

    private static String join(long[] values) {
        return Arrays.stream(values).mapToObj(Long::toString).collect(Collectors.joining(" "));
    }

    private static Map<String, String> serverProperties(BenchSettings settings, String bootstrap) {
        Map<String, String> properties = new java.util.TreeMap<>(settings.serverProperties());
        properties.put("kafka.bootstrap.servers", bootstrap);
        System.out.println("Server configuration: " + properties);
        return properties;
    }

    private static int brokerPort(String bootstrap) {
        String first = bootstrap.split(",")[0];
        return Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
    }

    private static Properties adminProps(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return props;
    }


}
