package io.kafkasse.it.suite;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.kafkasse.it.support.TestJvmOptions;

/**
 * How one application server is started with the shipped {@code server-config} and a set of WARs deployed at boot: the
 * suite's server ({@link #of}), or one a test starts, stops and starts again itself ({@link #at}).
 */
public interface ServerLaunch {

    /** The suite server's heap: a few dozen WARs, each with its own Kafka clients and windows. */
    String MAX_HEAP = "-Xmx1536m";

    /**
     * What every server's JVM gets besides its heap: the tests' JVM options ({@link TestJvmOptions}), the broker, and
     * heartbeats short enough to notice clients leave.
     */
    static List<String> jvmArguments(String bootstrap) {
        List<String> arguments = new ArrayList<>(TestJvmOptions.get());
        arguments.addAll(List.of("-Dkafka.bootstrap.servers=" + bootstrap, "-Dsse.heartbeat-interval=1s"));
        return arguments;
    }

    /** The suite's server, in the suite directory on its own port. */
    static ServerLaunch of(String server, SuiteSettings settings) {
        return switch (server) {
            case "payara" -> new PayaraLaunch(settings.install(), PayaraLaunch.SUITE_PORT, MAX_HEAP);
            case "wildfly" -> new WildFlyLaunch(settings.install(), settings.dir(), WildFlyLaunch.SUITE_PORT, MAX_HEAP);
            case "liberty" -> new LibertyLaunch(settings.install(), LibertyLaunch.SUITE_SERVER, LibertyLaunch.SUITE_PORT, MAX_HEAP);
            default -> throw new IllegalArgumentException("Unknown server " + server + ": payara, wildfly or liberty");
        };
    }

    /**
     * A server of a test's own, beside the suite's: its files under {@code dir} (Liberty's in a server of the shared
     * runtime named after the port), serving on {@code port}.
     */
    static ServerLaunch at(String server, Path dir, int port, String maxHeap) {
        ServerInstall install = ServerInstall.fromSystemProperties();
        return switch (server) {
            case "payara" -> new PayaraLaunch(install, port, maxHeap);
            case "wildfly" -> new WildFlyLaunch(install, dir, port, maxHeap);
            case "liberty" -> new LibertyLaunch(install, "kafka-sse-" + port, port, maxHeap);
            default -> throw new IllegalArgumentException("Unknown server " + server + ": payara, wildfly or liberty");
        };
    }

    /** The HTTP port the WARs are served on. */
    int port();

    /**
     * Puts every exploded WAR of {@code wars} where the server deploys it at boot, each a directory named after its
     * context root (Payara Micro takes a directory's whole name as its context root; the others want {@code .war},
     * and the WARs may be moved).
     */
    void deploy(List<Path> wars) throws IOException;

    /**
     * Makes the jars in {@code libraries} visible to every WAR {@link #deploy} puts in place (the suite's WARs leave
     * them out: {@link SharedLibraries}); call it before {@link #start}.
     */
    void shareLibraries(Path libraries);

    /** Starts the server with what {@link #deploy} put in place; again, after it stopped, for a restart. */
    Process run(List<String> jvmArguments, Path log) throws IOException;

    /** Deploys {@code wars} and starts the server on the broker {@code bootstrap}; its output goes to {@code log}. */
    default Process start(List<Path> wars, String bootstrap, Path log) throws IOException {
        deploy(wars);
        return run(jvmArguments(bootstrap), log);
    }
}
