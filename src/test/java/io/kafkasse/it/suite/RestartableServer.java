package io.kafkasse.it.suite;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.kafkasse.dev.StatsProbe;
import io.kafkasse.it.support.LogTail;

/**
 * An application server a test starts itself (any of the three, {@link ServerLaunch#at}), stops as an operator does
 * (SIGTERM to its JVM) and starts again with the same WARs and files, each run writing its own log.
 */
public final class RestartableServer implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final ServerLaunch launch;
    private final List<String> jvmArguments;
    private Process process;
    private Path log;

    private RestartableServer(ServerLaunch launch, List<String> jvmArguments) {
        this.launch = launch;
        this.jvmArguments = List.copyOf(jvmArguments);
    }

    /**
     * Starts {@code server} ({@code payara}, {@code wildfly} or {@code liberty}) on {@code port} with its files under
     * {@code dir} and every exploded WAR of {@code wars} deployed, each at its directory's name.
     */
    public static RestartableServer start(String server, Path dir, int port, String maxHeap, List<Path> wars,
                                          String bootstrap, Path log) throws IOException {
        RestartableServer started = new RestartableServer(ServerLaunch.at(server, dir, port, maxHeap),
                ServerLaunch.jvmArguments(bootstrap));
        started.launch.deploy(wars);
        started.run(log);
        return started;
    }

    /** Starts it again after {@link #stop}, with the same WARs, files and options; its output goes to {@code log}. */
    public void restart(Path log) throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("The server still runs; stop it first");
        }
        run(log);
    }

    private void run(Path log) throws IOException {
        this.log = log;
        this.process = launch.run(jvmArguments, log);
    }

    public Path log() {
        return log;
    }

    public int port() {
        return launch.port();
    }

    /** Waits until {@code contextRoot/v2/stats} answers 200: the WAR at {@code /name} is deployed and served. */
    public void awaitReady(Duration timeout, String contextRoot) throws Exception {
        StatsProbe.awaitServing("http://127.0.0.1:" + launch.port() + contextRoot, process, timeout, log.toString());
    }

    /**
     * Stops the server as an operator does: SIGTERM to its JVM (the start scripts run it as a child), then waits until
     * every process of it ended.
     *
     * @return what the server logged from the signal on
     */
    public List<String> stop() throws Exception {
        long before = LogTail.mark(log);
        ProcessHandle jvm = Stream.concat(Stream.of(process.toHandle()), process.descendants())
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst().orElse(process.toHandle());
        List<ProcessHandle> all = processes();
        jvm.destroy();
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException stillThere) {
                handle.destroyForcibly();
                throw new IllegalStateException("The server did not stop within " + STOP_TIMEOUT + " of SIGTERM; see " + log);
            }
        }
        return LogTail.linesFrom(log, before);
    }

    /** Stops whatever still runs: SIGTERM to every process of it, SIGKILL after the stop timeout. */
    @Override
    public void close() throws Exception {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = processes();
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception stillThere) {
                handle.destroyForcibly();
            }
        }
    }

    /** The start script's process and everything it started (the JVM is a child of the script on WildFly). */
    private List<ProcessHandle> processes() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        return all;
    }
}
