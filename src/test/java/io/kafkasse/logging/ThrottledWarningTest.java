package io.kafkasse.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

class ThrottledWarningTest {

    private final List<String> logged = new ArrayList<>();
    private final AtomicLong now = new AtomicLong(5_000);
    private final Logger log = Logger.getAnonymousLogger();
    private final ThrottledWarning warning;

    ThrottledWarningTest() {
        log.setUseParentHandlers(false);
        log.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        warning = new ThrottledWarning(log, now::get);
    }

    @Test
    void warnsOncePerMinuteAndCountsTheRest() {
        warning.warn(() -> "first");
        warning.warn(() -> "second");
        now.addAndGet(TimeUnit.SECONDS.toNanos(59));
        warning.warn(() -> "third");
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        warning.warn(() -> "fourth");
        warning.warn(() -> "fifth");
        assertEquals(List.of("first", "fourth (2 similar warnings left out since the last one)"), logged);
    }
}
