package io.kafkasse.bench;

import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@code mvn -Pbench package}. Starts an embedded KRaft broker, then for each SSE writer ({@code bench.modes}) a
 * fresh Payara Micro (a child process, -Xmx1g) and runs the selected scenarios against it: fan-out (for each number of
 * clients and rate, a {@link LoadGenerator} JVM holding that many SSE connections to {@code /v2/stream/bench} while
 * records are produced at a fixed rate), single-client drain, and idle connections. Writes
 * {@code target/bench/results.md} and {@code results.png}.
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
    private final RestartScenario.ServerRestart restart;

    private BenchRunner(BenchSettings settings, Admin admin, RatedProducer producer, ServerProbe probe,
                        RestartScenario.ServerRestart restart) {
        this.settings = settings;
        this.admin = admin;
        this.producer = producer;
        this.probe = probe;
        this.restart = restart;
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

            RatedProducer producer = new RatedProducer(bootstrap, TOPIC, settings.partitions(), settings.recordBytes());
            running.add(0, producer);
            Results results = new Results();
            Path report = settings.dir().resolve("results.md");
            Variant current = Variant.current(settings);
            Variant baseline = settings.baseline().isEmpty() ? null : Variant.baseline(settings.baseline(), settings);
            // Alternately, round by round: a drift of the machine over the run (heat, another process) then
            // weighs on both variants alike.
            List<Variant> variants = baseline == null ? List.of(current) : List.of(baseline, current);
            for (int round = 1; round <= settings.rounds(); round++) {
                for (Variant variant : variants) {
                    for (BenchMode writer : settings.modes()) {
                        BenchMode mode = new BenchMode(variant.modeName(writer), writer.serverProperties());
                        measureOnFreshServer(settings, variant, mode, round, bootstrap, admin, producer, running, results, report);
                    }
                }
            }
            String text = ResultsTable.render(settings, results)
                    + (baseline == null ? "" : AbComparison.render(results, baseline, settings.rounds()));
            ResultsTable.write(report, text);
            System.out.println();
            System.out.println(text);
            System.out.println("Written to " + report + " and " + ResultsChart.write(settings.dir().resolve("results.png"), results)
                    + "; server logs " + settings.dir().resolve("payara-<mode>.log"));
            exit = 0;
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "The benchmark failed", e);
        }
        // The shutdown hook stops the server, the broker and the clients.
        System.exit(exit);
    }

    /** One variant in one writer mode: a fresh Payara Micro, every selected scenario, the server stopped. */
    private static void measureOnFreshServer(BenchSettings settings, Variant variant, BenchMode mode, int round,
                                             String bootstrap, Admin admin, RatedProducer producer,
                                             List<AutoCloseable> running, Results results, Path report) throws Exception {
        System.out.println("\n=== Mode " + mode.name() + " (" + variant.description() + "), round " + round + ": "
                + mode.serverProperties() + "; starting Payara Micro on port " + settings.port() + " (about 10 s)...");
        Map<String, String> properties = new java.util.TreeMap<>(mode.serverProperties());
        properties.put("kafka.bootstrap.servers", bootstrap);
        int[] starts = {0};
        java.util.concurrent.Callable<PayaraServer> start = () -> {
            // The restarted server logs to a file of its own (payara-<mode>-2.log): the stop is in the first.
            String log = "payara-" + mode.name() + (settings.rounds() > 1 ? "-r" + round : "")
                    + (starts[0]++ == 0 ? "" : "-" + starts[0]) + ".log";
            PayaraServer started = PayaraServer.start(settings.payaraJar(), variant.war(), variant.serverConfig(),
                    settings.port(), "1g", serverJvmOptions(), properties, settings.dir().resolve(log));
            running.add(0, started);
            started.awaitReady(Duration.ofMinutes(3));
            return started;
        };
        PayaraServer[] server = {start.call()};
        try {
            // The restart scenario replaces the server: it runs last, as the probe watches the first one.
            RestartScenario.ServerRestart restart = () -> {
                long stopping = System.nanoTime();
                server[0].close();
                running.remove(server[0]);
                long starting = System.nanoTime();
                server[0] = start.call();
                return new RestartScenario.Timing(TimeUnit.NANOSECONDS.toMillis(starting - stopping),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - starting));
            };
            BenchRunner runner = new BenchRunner(settings, admin, producer,
                    new ServerProbe(server[0].pid(), settings.port(), brokerPort(bootstrap)), restart);
            runner.measure(mode, bootstrap, results, report);
        } finally {
            server[0].close();
            running.remove(server[0]);
        }
    }

    /** {@code bench.server.jvm}: more options for the server's JVM, separated by spaces. */
    private static List<String> serverJvmOptions() {
        return java.util.Arrays.stream(System.getProperty("bench.server.jvm", "").trim().split("\\s+"))
                .filter(option -> !option.isEmpty()).toList();
    }

    /** Every selected scenario against one server configuration; the report is rewritten after each. */
    private void measure(BenchMode mode, String bootstrap, Results results, Path report) throws Exception {
        // Idle first, on a fresh server: what the connections hold is then not blurred by what earlier scenarios left.
        // Fan-out last: a mode that falls behind there leaves a loaded server to whatever would come next.
        if (settings.runs("idle")) {
            int clients = settings.idleClients();
            scenario(mode, "idle", report, results, () -> results.idle().add(IdleScenario.run(mode.name(), settings, probe, clients)));
        }
        if (settings.runs("burst")) {
            scenario(mode, "burst", report, results,
                    () -> BurstScenario.run(mode, settings, admin, producer, probe).ifPresent(results.burst()::add));
        }
        if (settings.runs("topics")) {
            scenario(mode, "topics", report, results,
                    () -> results.topics().add(TopicsScenario.run(mode, settings, bootstrap, admin, probe)));
        }
        if (settings.runs("window")) {
            scenario(mode, "window", report, results,
                    () -> results.window().add(WindowScenario.run(mode.name(), bootstrap, admin, settings, probe)));
        }
        if (settings.runs("drain")) {
            scenario(mode, "drain", report, results, () -> results.drain().add(
                    DrainScenario.run(mode.name(), bootstrap, admin, settings, probe, settings.drainRecords())));
        }
        if (settings.runs("storm")) {
            scenario(mode, "storm", report, results, () -> results.storm().add(storm(mode.name())));
        }
        if (settings.runs("fanout")) {
            for (int[] row : settings.fanOutRows()) {
                scenario(mode, "fan-out " + row[0] + "x" + row[1], report, results,
                        () -> results.fanOut().add(fanOut(mode.name(), row[0], row[1])));
            }
        }
        if (settings.runs("soak")) {
            scenario(mode, "soak", report, results,
                    () -> results.soak().add(SoakScenario.run(mode.name(), settings, admin, bootstrap, probe)));
        }
        if (settings.runs("restart")) {
            scenario(mode, "restart", report, results,
                    () -> results.restart().add(RestartScenario.run(mode.name(), settings, admin, bootstrap, restart)));
        }
    }

    private interface Scenario {
        void run() throws Exception;
    }

    /** A scenario that fails is reported and skipped: the other scenarios and modes still run. */
    private void scenario(BenchMode mode, String name, Path report, Results results, Scenario scenario) throws Exception {
        awaitNoOpenStreams();
        try {
            scenario.run();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Scenario " + name + " failed in mode " + mode.name(), e);
            results.failures().add(mode.name() + ", " + name + ": " + e);
        }
        ResultsTable.write(report, ResultsTable.render(settings, results));
    }

    /** Scenario 3: a minute of history ({@code bench.storm.history}), then every client at once resumes from its start while records keep coming. */
    private StormResult storm(String mode) throws Exception {
        awaitNoOpenStreams();
        int clients = settings.stormClients();
        int rate = settings.stormRate();
        long[] from = endOffsets();
        System.out.printf("%nStorm (%s): producing %d s of history at %d records/s...%n", mode, settings.stormHistorySeconds(), rate);
        producer.run(rate, settings.stormHistorySeconds());
        long[] stormStart = endOffsets();
        long history = java.util.stream.LongStream.range(0, from.length).map(p -> stormStart[(int) p] - from[(int) p]).sum();
        System.out.printf("  %,d clients resume %,d records back, all at once%n", clients, history);
        long readersBefore = probe.stat("historyReads");
        try (GeneratorProcess generator = GeneratorProcess.start(settings, clients, from);
             PeakSampler peaks = new PeakSampler(probe)) {
            generator.send("CATCHUP " + join(stormStart));
            producer.run(rate, 20);
            generator.send("END " + join(endOffsets()) + " " + DRAIN.toMillis());
            Map<String, String> result = generator.await("RESULT", DRAIN.plusMinutes(1));
            System.out.println("  " + result);
            return StormResult.of(mode, history, result, peaks, probe.stat("historyReads") - readersBefore);
        }
    }

    /** One row: {@code clients} connections, warm-up, a measured window, then every client must catch up. */
    private ScenarioResult fanOut(String mode, int clients, int rate) throws Exception {
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
            return ScenarioResult.of(mode, rate, result, peaks, heap, consumers, brokerConnections, usage);
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
