package io.kafkasse.source;

import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps the Kafka client from flooding the server log about a topic deleted under a feed: until the topic watch
 * notices (within seconds) and drops it, the client warns on every fetch, thousands of times a second. One such
 * warning a minute passes, with the count of those held back; every other message passes untouched.
 */
final class KafkaLogThrottle implements Filter {

    /** Where kafka-clients (through slf4j-jdk14) logs fetch errors. */
    static final String FETCH_LOGGER = "org.apache.kafka.clients.consumer.internals.FetchCollector";
    private static final long INTERVAL_NANOS = 60_000_000_000L;

    /** Held strongly: java.util.logging keeps loggers weakly, and a collected logger would lose its filter. */
    private final Logger logger = Logger.getLogger(FETCH_LOGGER);
    private final AtomicLong lastPassed = new AtomicLong(System.nanoTime() - INTERVAL_NANOS);
    private final AtomicLong held = new AtomicLong();

    void install() {
        logger.setFilter(this);
    }

    /** Removed on undeploy, so the server's logger does not keep the application's classes. */
    void remove() {
        if (logger.getFilter() == this) {
            logger.setFilter(null);
        }
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record.getMessage();
        if (message == null || !message.contains("unknown topic or partition")) {
            return true;
        }
        long now = System.nanoTime();
        long last = lastPassed.get();
        if (now - last >= INTERVAL_NANOS && lastPassed.compareAndSet(last, now)) {
            long skipped = held.getAndSet(0);
            if (skipped > 0) {
                record.setMessage(message + " (" + skipped + " more like it in the last minute were not logged)");
            }
            return true;
        }
        held.incrementAndGet();
        return record.getLevel().intValue() > Level.WARNING.intValue();
    }
}
