package io.kafkasse.frame;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Logs skipped records without flooding the log: one warning per minute at most, counting the ones in between.
 * A topic full of non-JSON records would otherwise write a line per record per client.
 */
final class SkipLog {

    private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Logger log;
    private final AtomicLong nextWarning = new AtomicLong(System.nanoTime());
    private final AtomicLong suppressed = new AtomicLong();

    SkipLog(Logger log) {
        this.log = log;
    }

    void skipped(ConsumerRecord<?, ?> record, String reason) {
        long now = System.nanoTime();
        long due = nextWarning.get();
        if (now - due >= 0 && nextWarning.compareAndSet(due, now + INTERVAL_NANOS)) {
            long others = suppressed.getAndSet(0);
            log.warning(() -> "Skipped record " + record.topic() + "-" + record.partition() + "@" + record.offset()
                    + ": " + reason + (others > 0 ? " (" + others + " other records skipped since the last warning)" : ""));
        } else {
            suppressed.incrementAndGet();
        }
    }
}
