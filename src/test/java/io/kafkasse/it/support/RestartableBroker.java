package io.kafkasse.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.kafkasse.dev.DevProcesses;

/**
 * A KRaft node in a JVM of its own, at fixed ports and with its data kept, for the tests of a broker that dies under
 * its clients: {@link #kill()} ends it as a crash does (SIGKILL), {@link #start()} brings the same node back with the
 * same data and address. Run as {@code RestartableBroker <dir> <port> <controller port>}: it formats the storage the
 * first time, and runs until the process is stopped.
 */
public final class RestartableBroker implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private Process process;

    public RestartableBroker(Path dir, int port, int controllerPort) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** A node with no data yet: whatever {@code dir} held from an earlier run is deleted. */
    public static RestartableBroker fresh(Path dir, int port, int controllerPort) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return new RestartableBroker(dir, port, controllerPort);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the node (formatted the first time) and waits until it takes connections. */
    public void start() throws IOException, InterruptedException {
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m"));
        command.addAll(TestJvmOptions.get());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RestartableBroker.class.getName(),
                dir.toString(), Integer.toString(port), Integer.toString(controllerPort)));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile())).start();
        Process started = process;
        Await.until(Duration.ofMinutes(1), "the broker to listen on " + port + " (its log: " + dir.resolve("broker.log") + ")",
                () -> {
                    if (!started.isAlive()) {
                        throw new IllegalStateException("The broker exited; see " + dir.resolve("broker.log"));
                    }
                    return Listening.on(port);
                });
    }

    /** Ends the node as a crash would: no controlled shutdown, connections cut. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        DevProcesses.quietKafkaLogs();
        Path dir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        int controllerPort = Integer.parseInt(args[2]);
        Path config = dir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(config)) {
            properties(dir, port, controllerPort).store(out, "a broker the tests kill and restart");
        }
        if (!Files.isRegularFile(dir.resolve("data").resolve("meta.properties"))) {
            int formatted = kafka.tools.StorageTool.execute(new String[] {"format", "-t", UUID.randomUUID().toString(),
                    "-c", config.toString()}, System.out);
            if (formatted != 0) {
                throw new IllegalStateException("Formatting the broker's storage failed: " + formatted);
            }
        }
        kafka.Kafka.main(new String[] {config.toString()});
    }

    private static Properties properties(Path dir, int port, int controllerPort) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        oneNode(p, dir);
        return p;
    }

    /** What any single KRaft node of the tests needs besides its listeners: its data under {@code dir}, and one replica. */
    public static void oneNode(Properties p, Path dir) {
        p.setProperty("log.dirs", dir.resolve("data").toString());
        p.setProperty("num.partitions", "1");
        // One node: the internal topics cannot have three replicas.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
    }
}
