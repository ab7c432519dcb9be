package io.kafkasse.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.kafkasse.dev.KafkaBroker;

/**
 * Starts one broker for the whole test run, before Arquillian reads {@code arquillian.xml}, and publishes its address
 * as the system property {@code it.kafka.bootstrap} that the server's command line refers to. It is stopped when
 * the run ends. When the build started the broker already (with the suite server, {@code it.suite.SuiteServer}), its
 * address is read from the file {@code it.kafka.bootstrap.file} instead, and the build stops it.
 */
public final class KafkaForTests implements BeforeAllCallback {

    public static final String BOOTSTRAP_PROPERTY = "it.kafka.bootstrap";

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(KafkaForTests.class, key -> start(), Running.class);
    }

    /** The bootstrap servers of the broker the tests run against. */
    public static String bootstrapServers() {
        String servers = System.getProperty(BOOTSTRAP_PROPERTY);
        if (servers == null) {
            throw new IllegalStateException("No broker: annotate the test class with @StreamingTest");
        }
        return servers;
    }

    private static Running start() {
        String file = System.getProperty("it.kafka.bootstrap.file", "");
        if (!file.isEmpty() && Files.isRegularFile(Path.of(file))) {
            try {
                System.setProperty(BOOTSTRAP_PROPERTY, Files.readString(Path.of(file)).trim());
                return new Running(null);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read the broker's address from " + file, e);
            }
        }
        try {
            KafkaBroker broker = KafkaBroker.start(Path.of(System.getProperty("it.kafka.dir", "target/kafka-it")));
            System.setProperty(BOOTSTRAP_PROPERTY, broker.bootstrapServers());
            System.out.println("Integration tests run against " + broker.description() + " at " + broker.bootstrapServers());
            return new Running(broker);
        } catch (Exception e) {
            throw new IllegalStateException("Could not start a Kafka broker for the integration tests", e);
        }
    }

    /** Closed by JUnit when the run ends. */
    record Running(KafkaBroker broker) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Exception {
            if (broker != null) {
                broker.close();
            }
        }
    }
}
