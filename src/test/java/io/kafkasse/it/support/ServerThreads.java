package io.kafkasse.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The number of threads of the suite server's JVM, read from {@code /proc} (Linux): what a test asserts on to show
 * that something does not hold a thread each, whatever the size of the server's pools. The build wrote the server's
 * process id to {@code it.suite.dir/pids}; a start script's JVM is its child.
 */
public final class ServerThreads {

    private ServerThreads() {
    }

    public static int now() {
        Path pids = Path.of(System.getProperty("it.suite.dir", "target/suite")).resolve("pids");
        try {
            List<String> lines = Files.readAllLines(pids);
            ProcessHandle server = ProcessHandle.of(Long.parseLong(lines.get(1).trim()))
                    .orElseThrow(() -> new IllegalStateException("The suite server is not running"));
            ProcessHandle jvm = Stream.concat(Stream.of(server), server.descendants())
                    .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                    .findFirst().orElseThrow(() -> new IllegalStateException("No JVM in the suite server's processes"));
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(jvm.pid()), "status"))) {
                if (line.startsWith("Threads:")) {
                    return Integer.parseInt(line.substring("Threads:".length()).trim());
                }
            }
            throw new IllegalStateException("No thread count in /proc/" + jvm.pid() + "/status");
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the suite server's threads (" + pids + ")", e);
        }
    }
}
