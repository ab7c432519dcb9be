package io.kafkasse.it.suite;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import io.kafkasse.it.support.TestJvmOptions;

/** How one application server is started for the suite: with the shipped {@code server-config}, every WAR deployed at boot. */
interface ServerLaunch {

    /**
     * What every suite server's JVM gets besides its heap: the tests' JVM options ({@link TestJvmOptions}), the
     * broker, and heartbeats short enough to notice clients leave.
     */
    static List<String> jvmArguments(String bootstrap) {
        List<String> arguments = new java.util.ArrayList<>(TestJvmOptions.get());
        arguments.addAll(List.of("-Dkafka.bootstrap.servers=" + bootstrap, "-Dsse.heartbeat-interval=1s"));
        return arguments;
    }


    /** The server's heap: a few dozen WARs, each with its own Kafka clients and windows. */
    String MAX_HEAP = "-Xmx1536m";

    static ServerLaunch of(String server, SuiteSettings settings) {
        return switch (server) {
            case "payara" -> new PayaraLaunch(settings);
            case "wildfly" -> new WildFlyLaunch(settings);
            case "liberty" -> new LibertyLaunch(settings);
            default -> throw new IllegalArgumentException("Unknown server " + server + ": payara, wildfly or liberty");
        };
    }

    /** The HTTP port the WARs are served on. */
    int port();

    /**
     * Starts the server with every exploded WAR of {@code wars} deployed, each a directory named after its context
     * root (Payara Micro takes a directory's whole name as its context root; the others want {@code .war}, and may move
     * them); the server's output goes to {@code log}.
     */
    Process start(List<Path> wars, String bootstrap, Path log) throws IOException;
}
