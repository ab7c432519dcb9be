package io.kafkasse.delivery;

import static io.kafkasse.Eventually.await;
import static io.kafkasse.Eventually.awaitBlocked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sender loops on real threads: a failing drain does not end them; stop() or an interrupt (a stopping server) does. */
class SendersTest {

    private final AtomicReference<Thread> loopThread = new AtomicReference<>();
    private final ExecutorService loops = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "sender-loop");
        loopThread.set(thread);
        return thread;
    });
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final Senders senders = new Senders(1, (where, failure) -> failures.add(where + " " + failure.getClass().getSimpleName()));
    private Senders.Lane lane;

    @AfterEach
    void stopLoops() {
        senders.stop();
        loops.shutdownNow();
    }

    private void start() {
        senders.start(loops);
        lane = senders.assign();
        await("the loop running", () -> senders.running() == 1);
    }

    /** Submits a drain and waits until it ran. */
    private void assertLaneRuns(String what) throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        lane.submit(ran::countDown);
        assertTrue(ran.await(20, TimeUnit.SECONDS), what);
    }

    @Test
    void drainsOfALaneRunOneAfterAnotherInTheOrderAskedFor() {
        start();
        List<Integer> order = new CopyOnWriteArrayList<>();
        IntStream.range(0, 1_000).forEach(i -> lane.submit(() -> order.add(i)));

        await("every drain ran", () -> order.size() == 1_000);
        assertEquals(IntStream.range(0, 1_000).boxed().toList(), order);
    }

    @Test
    void anInterruptedSenderEndsItsLoopSoAStoppingServerGetsItsThreadBackAndTheLaneRefusesWork() throws Exception {
        start();
        assertLaneRuns("a first drain");
        Thread thread = loopThread.get();
        awaitBlocked(thread); // waiting for the next drain

        thread.interrupt();

        await("the loop ended", () -> senders.running() == 0);
        assertFalse(lane.submit(() -> { }), "a dead lane refuses drains: the client runs them as executor tasks");
        assertNull(senders.assign(), "no lane left for new clients");
        loops.shutdown();
        assertTrue(loops.awaitTermination(20, TimeUnit.SECONDS), "the loop's thread returned to its executor");
    }

    @Test
    void anIdleLoopStillGoesRoundAndAStuckOrEndedOneIsSilent() throws Exception {
        start();
        // Idle, the loop waits a second at a time for work: past two of those waits it has gone round again.
        long started = System.nanoTime();
        await("an idle loop goes round", () -> System.nanoTime() - started > TimeUnit.MILLISECONDS.toNanos(2_500)
                && senders.longestSilenceNanos() < TimeUnit.SECONDS.toNanos(2));

        CountDownLatch release = new CountDownLatch(1);
        lane.submit(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        await("the stuck drain makes the loop silent", () -> senders.longestSilenceNanos() > TimeUnit.SECONDS.toNanos(1));
        release.countDown();
        await("going round again", () -> senders.longestSilenceNanos() < TimeUnit.SECONDS.toNanos(1));

        loopThread.get().interrupt();
        await("the loop ended", () -> senders.running() == 0);
        assertEquals(Long.MAX_VALUE, senders.longestSilenceNanos(), "an ended loop is silent for good");
    }

    @Test
    void newClientsAreGivenOnlyLanesWhoseLoopRuns() throws Exception {
        Senders two = new Senders(2);
        List<Thread> threads = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "sender-loop");
            threads.add(thread);
            return thread;
        });
        try {
            two.start(pool);
            await("both loops running", () -> two.running() == 2 && threads.size() == 2);
            threads.get(0).interrupt();
            await("one loop ended", () -> two.running() == 1);
            for (int i = 0; i < 10; i++) {
                Senders.Lane given = two.assign();
                CountDownLatch ran = new CountDownLatch(1);
                assertTrue(given.submit(ran::countDown), "a live lane takes the drain");
                assertTrue(ran.await(20, TimeUnit.SECONDS), "and runs it");
            }
        } finally {
            two.stop();
            pool.shutdownNow();
        }
    }

    @Test
    void aDrainThatThrowsDoesNotStopTheLane() throws Exception {
        start();
        lane.submit(() -> {
            throw new IllegalStateException("a drain with a bug");
        });
        lane.submit(() -> {
            throw new AssertionError("an error escaping a drain");
        });

        assertLaneRuns("a drain after the failing ones");
        assertEquals(1, senders.running());
        assertEquals(List.of("sender IllegalStateException", "sender AssertionError"), failures, "reported for the health check");
    }

    @Test
    void stopEndsTheLoopsAndFreesTheirThreads() throws Exception {
        start();
        assertLaneRuns("a drain before stop");

        senders.stop();

        await("no loop running", () -> senders.running() == 0);
        loops.shutdown();
        assertTrue(loops.awaitTermination(20, TimeUnit.SECONDS), "the loop's thread returned to its executor");
    }
}
