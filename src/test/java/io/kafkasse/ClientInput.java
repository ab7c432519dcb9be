package io.kafkasse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.kafkasse.error.StreamProblem;

/**
 * What a parser of client input may do with any input: return a value, or refuse it with a 4xx {@link StreamProblem}
 * of its type, in bounded time. Anything else (another exception, a StackOverflowError, running past the bound)
 * would reach the client as a 500 or hold a server thread.
 */
public final class ClientInput {

    /** Far more than any parse should take, even on a loaded machine. */
    public static final Duration BOUND = Duration.ofSeconds(1);

    // A call that overruns is left running (java.util.regex cannot be interrupted) on a daemon thread of its own.
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(task -> {
        Thread worker = new Thread(task, "client-input");
        worker.setDaemon(true);
        return worker;
    });

    private ClientInput() {
    }

    /**
     * Runs {@code parse}; returns its value, or empty when it refused the input with a 4xx problem of
     * {@code problemType}. Fails the test on anything else.
     */
    public static <T> Optional<T> valueOrProblem(String problemType, Callable<T> parse) {
        Throwable thrown;
        try {
            return Optional.of(within(parse));
        } catch (StreamProblem problem) {
            assertTrue(problem.status() >= 400 && problem.status() < 500, () -> "status " + problem.status() + ": " + problem.getMessage());
            assertEquals(problemType, problem.type(), problem::getMessage);
            // rendered as the client would get it
            assertEquals(problem.status(), problem.toJson().getInt("status"));
            return Optional.empty();
        } catch (AssertionError e) {
            throw e;
        } catch (Throwable other) {
            thrown = other;
        }
        return fail("threw " + thrown + " instead of returning a value or a 4xx " + problemType + " problem", thrown);
    }

    /** Runs {@code call}, which must not throw; fails the test when it throws or takes longer than {@link #BOUND}. */
    public static <T> T valueWithin(Callable<T> call) {
        Throwable thrown;
        try {
            return within(call);
        } catch (AssertionError e) {
            throw e;
        } catch (Throwable other) {
            thrown = other;
        }
        return fail("threw " + thrown, thrown);
    }

    /** Runs {@code call}; fails the test when it takes longer than {@link #BOUND}. What it throws comes out as is. */
    private static <T> T within(Callable<T> call) throws Throwable {
        Future<T> result = WORKERS.submit(call);
        try {
            return result.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            return fail("not done within " + BOUND.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }
}
