package io.kafkasse.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The runner's side of one {@link LoadGenerator} JVM: starts it, sends it commands, waits for its answers. */
final class GeneratorProcess implements AutoCloseable {

    private final Process process;
    private final PrintWriter commands;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

    private GeneratorProcess(Process process) {
        this.process = process;
        this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.US_ASCII);
        Thread reader = new Thread(this::readAnswers, "generator-output");
        reader.setDaemon(true);
        reader.start();
    }

    static GeneratorProcess start(BenchSettings settings, int clients) throws IOException {
        return start(settings, clients, null);
    }

    /** @param resumeFrom offsets every client resumes from with {@code Last-Event-ID}, all connecting at once; or null */
    static GeneratorProcess start(BenchSettings settings, int clients, long[] resumeFrom) throws IOException {
        return start(settings, clients, resumeFrom, List.of(), "generator-" + clients + ".log");
    }

    /**
     * One of the connection burst's generators: on {@code CONNECT} it opens {@code clients} connections evenly over
     * {@code spreadMillis} from the local address {@code source}, and at the end writes each client's times to {@code times}.
     */
    static GeneratorProcess startBurst(BenchSettings settings, int clients, long spreadMillis, long openTimeoutMillis,
                                       String source, Path times, String logName) throws IOException {
        return start(settings, clients, null, List.of("-Dgenerator.spreadMillis=" + spreadMillis,
                "-Dgenerator.openTimeoutMillis=" + openTimeoutMillis, "-Dgenerator.source=" + source,
                "-Dgenerator.times=" + times), logName);
    }

    /**
     * The many-topics scenario's generator: {@code clients} connections, client i to {@code /v2/stream/<topic i mod N>}
     * for the N topics listed one a line in {@code topicsFile}, each with {@code partitions} partitions.
     */
    static GeneratorProcess startTopics(BenchSettings settings, int clients, Path topicsFile, int partitions, String logName)
            throws IOException {
        return start(settings, "/v2/stream/", clients, partitions, null, List.of("-Dgenerator.topics=" + topicsFile), logName);
    }

    /** The restart scenario's generator: clients that reconnect as EventSources do, on {@code path}. */
    static GeneratorProcess startRestart(BenchSettings settings, int clients, String path, int partitions) throws IOException {
        return start(settings, path, clients, partitions, null, List.of("-Dgenerator.reconnect=true"), "generator-restart.log");
    }

    /** The soak's clients: EventSources that also leave and come back at {@code churnPerSecond}. */
    static GeneratorProcess startSoak(BenchSettings settings, int clients, String path, int partitions, double churnPerSecond)
            throws IOException {
        return start(settings, path, clients, partitions, null,
                List.of("-Dgenerator.reconnect=true", "-Dgenerator.churnPerSecond=" + churnPerSecond), "generator-soak.log");
    }

    private static GeneratorProcess start(BenchSettings settings, int clients, long[] resumeFrom, List<String> properties,
                                          String logName) throws IOException {
        return start(settings, "/v2/stream/" + BenchRunner.TOPIC, clients, settings.partitions(), resumeFrom, properties, logName);
    }

    private static GeneratorProcess start(BenchSettings settings, String path, int clients, int partitions, long[] resumeFrom,
                                          List<String> properties, String logName) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:+UseSerialGC"));
        command.addAll(properties);
        command.addAll(List.of("-cp", settings.generatorClasspath(), LoadGenerator.class.getName(),
                "127.0.0.1", Integer.toString(settings.port()), path, Integer.toString(clients), Integer.toString(partitions)));
        if (resumeFrom != null) {
            command.add(Arrays.stream(resumeFrom).mapToObj(Long::toString).collect(Collectors.joining(",")));
        }
        Process process = new ProcessBuilder(command)
                .redirectError(settings.dir().resolve(logName).toFile())
                .start();
        return new GeneratorProcess(process);
    }

    long pid() {
        return process.pid();
    }

    void send(String command) {
        commands.println(command);
    }

    /** The next answer that starts with {@code word}, as key=value pairs; fails after {@code timeout}. */
    Map<String, String> await(String word, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = answers.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new IllegalStateException("The load generator did not say " + word + " within " + timeout
                        + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")"));
            }
            if (line.startsWith(word)) {
                Map<String, String> values = new HashMap<>();
                for (String pair : line.substring(word.length()).trim().split("\\s+")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        values.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                }
                return values;
            }
            System.out.println("  generator: " + line);
        }
    }

    private void readAnswers() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
            for (String line; (line = in.readLine()) != null; ) {
                answers.add(line);
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    @Override
    public void close() throws InterruptedException {
        commands.close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
