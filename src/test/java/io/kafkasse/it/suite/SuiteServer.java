package io.kafkasse.it.suite;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.kafkasse.it.support.TestJvmOptions;

/**
 * The suite server: started once per server run by the build (pre-integration-test), stopped by it
 * (post-integration-test). {@code start <payara|wildfly|liberty>} starts the suite's broker, builds every sharing
 * test class's WAR ({@link SuiteWars}), and starts the server with the shipped configuration and all those WARs; it
 * returns while the server deploys them (the own-server classes run meanwhile), and {@link SuiteContainer} waits for
 * each class's WAR. {@code stop} stops both. Their process ids are kept in {@code it.suite.dir/pids}: broker, server.
 */
public final class SuiteServer {

    private static final Duration BROKER_START = Duration.ofMinutes(2);
    /** The classes that read from the secure broker: it starts only when one of them is selected. */
    private static final String SECURE_BROKER_USERS = "KafkaOver";

    private SuiteServer() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "start" -> start(SuiteSettings.fromSystemProperties(), args[1]);
            case "stop" -> stop(SuiteSettings.pidFile(Path.of(args[1])));
            default -> throw new IllegalArgumentException("start <server>, or stop <suite dir>");
        }
    }

    private static void start(SuiteSettings settings, String server) throws Exception {
        stop(settings.pidFile());
        Files.createDirectories(settings.dir());
        SuiteFiles.empty(settings.dir().resolve("deployments"));
        SuiteFiles.empty(settings.libraries());
        long began = System.nanoTime();
        List<Process> started = new ArrayList<>();
        // Whatever happens to the build from here, its processes do not outlive it.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> started.forEach(SuiteServer::stopTree)));
        Files.deleteIfExists(settings.bootstrapFile());
        Process broker = startBroker(settings);
        started.add(broker);
        List<String> names = SuiteWars.build(settings.testClasses(), settings.selection(), settings.deployments(),
                settings.libraries());
        Process secure = null;
        if (names.stream().anyMatch(name -> name.startsWith(SECURE_BROKER_USERS))) {
            secure = startSecureBroker(settings);
            started.add(secure);
        }
        String bootstrap = awaitBroker(settings, broker);
        System.out.printf("[suite] %d WARs built, broker at %s, %.1f s after the start%n", names.size(), bootstrap,
                (System.nanoTime() - began) / 1e9);
        String brokers = broker.pid() + (secure == null ? "" : "\n" + secure.pid());
        if (names.isEmpty()) {
            Files.writeString(settings.pidFile(), brokers);
            return;
        }
        ServerLaunch launch = ServerLaunch.of(server, settings);
        Path log = settings.dir().resolve(server + ".log");
        List<Path> wars = names.stream().map(name -> settings.deployments().resolve(name)).toList();
        launch.shareLibraries(settings.libraries());
        Process process = launch.start(wars, bootstrap, log);
        started.add(process);
        // The server last: serverRunning() reads it there.
        Files.writeString(settings.pidFile(), brokers + "\n" + process.pid());
        // Not waited for here: the own-server classes run while it starts, and each class waits for its own WAR.
        System.out.printf("[suite] %s starting with %d WARs on port %d, %.1f s after the start; log %s%n",
                server, names.size(), launch.port(), (System.nanoTime() - began) / 1e9, log);
    }

    private static Process startBroker(SuiteSettings settings) throws IOException {
        return startJvm(settings, "-Xmx1g", "kafka.log", SuiteBroker.class,
                settings.kafkaDir().toString(), settings.bootstrapFile().toString());
    }

    /** The secure broker (SecureBroker) starts while the rest does; its tests wait for it as for anything else. */
    private static Process startSecureBroker(SuiteSettings settings) throws IOException {
        return startJvm(settings, "-Xmx512m", "secure-kafka.log", SecureBroker.class,
                settings.dir().resolve("secure-kafka").toString());
    }

    /** A JVM of the test classpath with the tests' JVM options, running {@code main}; its output in the suite dir. */
    private static Process startJvm(SuiteSettings settings, String maxHeap, String log, Class<?> main, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), maxHeap));
        command.addAll(TestJvmOptions.get());
        command.addAll(List.of("-cp", TestClasspath.of(SuiteServer.class.getClassLoader()), main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(settings.dir().resolve(log).toFile()).start();
    }

    private static String awaitBroker(SuiteSettings settings, Process broker) throws Exception {
        long deadline = System.nanoTime() + BROKER_START.toNanos();
        while (!Files.isRegularFile(settings.bootstrapFile())) {
            if (!broker.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("The suite's broker did not start; see " + settings.dir().resolve("kafka.log"));
            }
            Thread.sleep(100);
        }
        return Files.readString(settings.bootstrapFile()).trim();
    }

    static boolean answers(int port, String name) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(
                    "http://127.0.0.1:" + port + "/" + name + "/v2/stats").toURL().openConnection();
            connection.setConnectTimeout(1_000);
            connection.setReadTimeout(10_000);
            try {
                int status = connection.getResponseCode();
                // 401 / 403: a WAR that keeps its operations endpoints to an admin role (sse.auth.admin-role).
                return status == 200 || status == 401 || status == 403;
            } finally {
                connection.disconnect();
            }
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Whether the suite server started by the build (the last process id of the pid file) is still running. */
    static boolean serverRunning(Path suiteDir) {
        try {
            List<String> pids = Files.readAllLines(SuiteSettings.pidFile(suiteDir));
            return pids.size() >= 2 && ProcessHandle.of(Long.parseLong(pids.get(pids.size() - 1).trim()))
                    .map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    private static void stop(Path pidFile) throws IOException {
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        // The server first, then the broker it reads from. The server is killed: its orderly stop (the drain, Payara's
        // 10 s shutdown grace) took 10-15 s of every server run and nothing reads it here (ServerRestartIT and
        // RedeployIT test the drain); the brokers stop in order, their data is read by nobody after.
        List<String> pids = new ArrayList<>(Files.readAllLines(pidFile).stream().filter(pid -> !pid.isBlank()).toList());
        java.util.Collections.reverse(pids);
        for (int i = 0; i < pids.size(); i++) {
            // The server's pid is the file's last line, when it has one: with WARs there are brokers' lines before it.
            boolean kill = i == 0 && pids.size() >= 2;
            ProcessHandle.of(Long.parseLong(pids.get(i).trim())).filter(p -> startedHere(p, pidFile.getParent()))
                    .ifPresent(process -> stopTree(process, kill));
        }
        Files.delete(pidFile);
    }

    /**
     * Whether the process is one this class started for the suite directory: a pid file left by an earlier run may
     * name a number the system has since given to another process. Each suite process names a path under the suite
     * directory on its command line (its address file, its WARs, its server directory).
     */
    private static boolean startedHere(ProcessHandle process, Path suiteDir) {
        String commandLine = process.info().commandLine().orElse("");
        return commandLine.contains(suiteDir.toString()) || commandLine.contains(LibertyLaunch.SUITE_SERVER);
    }

    private static void stopTree(Process process) {
        stopTree(process.toHandle(), false);
    }

    /**
     * Stops a process and its descendants (the servers' start scripts run the JVM as a child): asked to, or killed.
     */
    private static void stopTree(ProcessHandle process, boolean kill) {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process);
        all.forEach(kill ? ProcessHandle::destroyForcibly : ProcessHandle::destroy);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception stillThere) {
                handle.destroyForcibly();
            }
        }
    }
}
