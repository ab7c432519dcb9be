package io.kafkasse.logging;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * One warning per minute at most, counting the ones left out. Warnings about records (skipped as not JSON, a
 * client's pattern giving up) would otherwise write a line per record, and one per client streaming it.
 */
public final class ThrottledWarning {

    private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Logger log;
    private final LongSupplier nanoClock;
    private final AtomicLong nextWarning;
    private final AtomicLong suppressed = new AtomicLong();

    public ThrottledWarning(Logger log) {
        this(log, System::nanoTime);
    }

    ThrottledWarning(Logger log, LongSupplier nanoClock) {
        this.log = log;
        this.nanoClock = nanoClock;
        this.nextWarning = new AtomicLong(nanoClock.getAsLong());
    }

    public void warn(Supplier<String> message) {
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
