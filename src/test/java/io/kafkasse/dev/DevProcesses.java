package io.kafkasse.dev;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** What the demo and the benchmark launchers share: quiet Kafka logs and an orderly stop of what they started. */
public final class DevProcesses {

    private static final Logger LOG = Logger.getLogger(DevProcesses.class.getName());
    /** Held so the levels set on them are not lost when java.util.logging lets unreferenced loggers go. */
    private static final List<Logger> QUIETED = new ArrayList<>();

    private DevProcesses() {
    }

    /** The embedded broker and the clients log every step at INFO; only warnings are worth a console line. */
    public static void quietKafkaLogs() {
        for (String name : List.of("org.apache.kafka", "kafka", "state.change.logger", "org.testcontainers")) {
            Logger logger = Logger.getLogger(name);
            logger.setLevel(Level.WARNING);
            QUIETED.add(logger);
        }
    }

    /** Closes each part in list order, going on past a failure. */
    public static void stopAll(List<AutoCloseable> running) {
        for (AutoCloseable part : running) {
            try {
                part.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Stopping " + part + " failed", e);
            }
        }
    }
}
