package io.kafkasse.bench;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server under test: Payara Micro as a child process with a 1 GiB heap, configured exactly as the README
 * describes a deployment (post-boot commands create the 2,000-thread stream executor).
 */
final class PayaraServer implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final int port;

    private PayaraServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    static PayaraServer start(BenchSettings settings, String bootstrapServers) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // System properties must come before -jar: after it they would be Payara Micro's own arguments.
        List<String> command = List.of(java, "-Xmx1g",
                "-Dkafka.bootstrap.servers=" + bootstrapServers,
                "-jar", settings.payaraJar().toString(),
                "--deploy", settings.war().toString(), "--contextroot", "/",
                "--port", Integer.toString(settings.port()),
                "--nohazelcast", "--disablephonehome",
                "--postbootcommandfile", settings.serverConfig().resolve("payara/post-boot-commands.asadmin").toString());
        Path log = settings.dir().resolve("payara.log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new PayaraServer(process, log, settings.port());
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** Waits until {@code /v2/stats} answers 200: the WAR is deployed and the post-boot commands ran. */
    void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI stats = URI.create("http://127.0.0.1:" + port + "/v2/stats");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro exited while starting; see " + log);
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) stats.toURL().openConnection();
                connection.setConnectTimeout(1000);
                connection.setReadTimeout(5000);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Payara Micro did not answer within " + timeout + "; see " + log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
