package io.kafkasse;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition by polling it until a deadline: tests of threads never sleep a fixed time to prove that
 * something happened. (To prove that something did NOT happen, they wait for a sentinel that must come after it.)
 */
public final class Eventually {

    /** Far longer than anything should take, even on a loaded machine; a failing test pays it once. */
    public static final Duration DEADLINE = Duration.ofSeconds(20);

    private Eventually() {
    }

    public static void await(String what, BooleanSupplier condition) {
        await(what, condition, () -> "");
    }

    /** @param state described in the failure message, to show how far it got */
    public static void await(String what, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        int spins = 0;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Not within " + DEADLINE.toSeconds() + " s: " + what + " " + state.get());
            }
            if (++spins < 200) {
                Thread.yield(); // most waits are short: stay responsive without burning a core for long
            } else {
                LockSupport.parkNanos(1_000_000);
            }
        }
    }

    /** Waits until the thread is parked or waiting: blocked in whatever the test made it call. */
    public static void awaitBlocked(Thread thread) {
        await(thread.getName() + " blocked", () -> thread.getState() == Thread.State.WAITING
                || thread.getState() == Thread.State.TIMED_WAITING, () -> "state " + thread.getState());
    }
}
