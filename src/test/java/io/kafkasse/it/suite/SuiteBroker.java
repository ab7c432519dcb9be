package io.kafkasse.it.suite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import io.kafkasse.dev.DevProcesses;
import io.kafkasse.dev.KafkaBroker;

/**
 * The integration suite's broker in a JVM of its own, started by {@link SuiteServer} before any server, since each
 * server's command line carries its address: {@code SuiteBroker <data dir> <address file>} starts it, writes its
 * bootstrap servers to the address file once it is ready, and runs until the process is stopped.
 */
public final class SuiteBroker {

    private SuiteBroker() {
    }

    public static void main(String[] args) throws Exception {
        DevProcesses.quietKafkaLogs();
        KafkaBroker broker = KafkaBroker.start(Path.of(args[0]));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> DevProcesses.stopAll(java.util.List.of(broker))));
        Path address = Path.of(args[1]);
        Path written = address.resolveSibling(address.getFileName() + ".tmp");
        Files.writeString(written, broker.bootstrapServers());
        // Renamed into place whole: a reader never sees half an address.
        Files.move(written, address, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.out.println("Suite broker: " + broker.description() + " at " + broker.bootstrapServers());
        new CountDownLatch(1).await();
    }
}
