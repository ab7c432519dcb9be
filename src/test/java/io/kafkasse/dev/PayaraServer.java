package io.kafkasse.dev;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The WAR on Payara Micro in a child process, configured exactly as the README describes a deployment (the post-boot
 * commands create the stream executor, and the HTTP port opens only once the WAR is deployed), for the demo, the
 * benchmark and the restart tests. Its output goes to a log file.
 */
public final class PayaraServer implements AutoCloseable {

    /**
     * On SIGTERM Payara Micro stops its services at once, never undeploying the WAR, and answers new requests with
     * 503 and 500 while the JVM waits for the service's own shutdown hook to drain the open streams. With a grace
     * period (milliseconds) it first keeps serving that long: the drain period (sse.drain-period, 5 s), the 2 s a
     * drain allows for ends under way, and 3 s to spare. README, "Restarts and upgrades".
     */
    public static final int SHUTDOWN_GRACE_MILLIS = 10_000;

    private final Process process;
    private final Path log;
    private final int port;

    private PayaraServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * @param serverConfig the project's {@code server-config} directory
     * @param systemProperties MicroProfile Config keys for the application, such as {@code kafka.bootstrap.servers}
     */
    public static PayaraServer start(Path payaraJar, Path war, Path serverConfig, int port, String maxHeap,
                                     Map<String, String> systemProperties, Path log) throws IOException {
        return start(payaraJar, war, serverConfig, port, maxHeap, List.of(), systemProperties, log);
    }

    /** @param jvmOptions more options for the server's JVM, such as {@code -XX:SoftRefLRUPolicyMSPerMB=0} */
    public static PayaraServer start(Path payaraJar, Path war, Path serverConfig, int port, String maxHeap,
                                     List<String> jvmOptions, Map<String, String> systemProperties, Path log)
            throws IOException {
        return start(payaraJar, List.of("--deploy", war.toString(), "--contextroot", "/"), serverConfig, port, maxHeap,
                jvmOptions, systemProperties, log);
    }

    /** Several WARs on one server, each served at its file name without {@code .war} (Payara Micro's context root). */
    public static PayaraServer startEach(Path payaraJar, List<Path> wars, Path serverConfig, int port, String maxHeap,
                                         List<String> jvmOptions, Map<String, String> systemProperties, Path log)
            throws IOException {
        List<String> deploys = new ArrayList<>();
        wars.forEach(war -> deploys.addAll(List.of("--deploy", war.toString())));
        return start(payaraJar, deploys, serverConfig, port, maxHeap, jvmOptions, systemProperties, log);
    }

    private static PayaraServer start(Path payaraJar, List<String> deploys, Path serverConfig, int port, String maxHeap,
                                      List<String> jvmOptions, Map<String, String> systemProperties, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + maxHeap);
        command.addAll(jvmOptions);
        // System properties must come before -jar: after it they would be Payara Micro's own arguments.
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", payaraJar.toString()));
        command.addAll(deploys);
        command.addAll(List.of("--port", Integer.toString(port),
                "--nohazelcast", "--disablephonehome",
                "--shutdowngrace", Integer.toString(SHUTDOWN_GRACE_MILLIS),
                "--prebootcommandfile", serverConfig.resolve("payara/pre-boot-commands.asadmin").toString(),
                "--postbootcommandfile", serverConfig.resolve("payara/post-boot-commands.asadmin").toString(),
                "--postdeploycommandfile", serverConfig.resolve("payara/post-deploy-commands.asadmin").toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new PayaraServer(process, log, port);
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** Waits until {@code /v2/stats} answers 200: the WAR is deployed and the post-boot commands ran. */
    public void awaitReady(Duration timeout) throws Exception {
        awaitReady(timeout, "");
    }

    /** As {@link #awaitReady(Duration)}, for the WAR at {@code contextRoot} ({@code /name}, or empty for the root). */
    public void awaitReady(Duration timeout, String contextRoot) throws Exception {
        StatsProbe.awaitServing("http://127.0.0.1:" + port + contextRoot, process, timeout, log.toString());
    }

    /** Kills the server at once (SIGKILL): no drain, no end events; its clients' connections are cut. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** Waits at most {@code timeout} for the server process to end on its own: its exit status, or null if it runs on. */
    public Integer exitWithin(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    /** Waits until the server process ends on its own, and returns its exit status. */
    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
