package io.kafkasse.filter;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * One warning per minute at most, counting the ones left out. A client whose pattern gives up on every record would
 * otherwise write a line per record, and one per client streaming with it.
 */
final class ThrottledWarning {

    private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Logger log;
    private final LongSupplier nanoClock;
    private final AtomicLong nextWarning;
    private final AtomicLong suppressed = new AtomicLong();

    ThrottledWarning(Logger log) {
        this(log, System::nanoTime);
    }

    ThrottledWarning(Logger log, LongSupplier nanoClock) {
        this.log = log;
        this.nanoClock = nanoClock;
        this.nextWarning = new AtomicLong(nanoClock.getAsLong());
    }

    void warn(Supplier<String> message) {
        long now = nanoClock.getAsLong();
        long due = nextWarning.get();
        if (now - due >= 0 && nextWarning.compareAndSet(due, now + INTERVAL_NANOS)) {
            long others = suppressed.getAndSet(0);
            log.warning(() -> message.get() + (others > 0 ? " (" + others + " similar warnings left out since the last one)" : ""));
        } else {
            suppressed.incrementAndGet();
        }
    }
}
