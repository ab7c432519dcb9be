package io.kafkasse.it.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition by polling, with a deadline; the failure says what was expected and what was last seen. */
public final class Await {

    private Await() {
    }

    public static void until(Duration timeout, String expectation, BooleanSupplier condition) throws InterruptedException {
        until(timeout, expectation, () -> condition.getAsBoolean() ? Boolean.TRUE : null, () -> "");
    }

    public static <T> T until(Duration timeout, String expectation, Supplier<T> probe, Supplier<String> lastSeen)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Not true within " + timeout + ": " + expectation + " " + lastSeen.get());
            }
            Thread.sleep(50);
        }
    }
}
