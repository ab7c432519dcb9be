package io.kafkasse.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.kafkasse.position.Cursor;

/** The line of clients waiting for a history consumer: at most {@code limit} reads at once, in arrival order. */
class CatchUpQueueTest {

    /** A stream the queue only holds and hands back (it reads no partitions and is never served here). */
    private static ClientStream stream() {
        return new ClientStream(null, new Cursor(Map.of()), new ObservedChannel(), (record, value) -> true, List.of(),
                List.of(), null, Long.MAX_VALUE);
    }

    @Test
    void underConcurrentArrivalsAndEndsNoMoreThanTheLimitReadAtOnceAndEveryClientGetsOneTurn() throws Exception {
        int limit = 3;
        int threads = 8;
        int perThread = 300;
        CatchUpQueue queue = new CatchUpQueue(limit);
        Set<ClientStream> started = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger reading = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicInteger overLimit = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                clients.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        // A client arrives; whatever may start now is read on this thread, and each read that ends
                        // may let others start, as Delivery runs history turns.
                        Deque<ClientStream> turns = new ArrayDeque<>(queue.add(stream()));
                        while (!turns.isEmpty()) {
                            ClientStream turn = turns.poll();
                            if (!started.add(turn)) {
                                duplicates.incrementAndGet();
                            }
                            mostAtOnce.accumulateAndGet(reading.incrementAndGet(), Math::max);
                            if (queue.running() > limit) {
                                overLimit.incrementAndGet();
                            }
                            Thread.yield();
                            reading.decrementAndGet();
                            turns.addAll(queue.ended());
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> client : clients) {
                client.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(threads * perThread, started.size(), "every client had its turn");
        assertEquals(0, duplicates.get(), "and only one");
        assertEquals(0, overLimit.get(), "never more reads than the limit");
        assertTrue(mostAtOnce.get() <= limit, "reads at once: " + mostAtOnce.get());
        assertEquals(0, queue.running());
        assertEquals(0, queue.waiting());
    }

    @Test
    void aTurnTheExecutorRefusedKeepsItsPlaceAtTheHeadOfTheLine() {
        CatchUpQueue queue = new CatchUpQueue(1);
        ClientStream first = stream();
        ClientStream second = stream();
        ClientStream third = stream();
        assertEquals(List.of(first), List.copyOf(queue.add(first)));
        assertTrue(queue.add(second).isEmpty());
        assertTrue(queue.add(third).isEmpty());

        Queue<ClientStream> next = queue.ended();
        assertEquals(List.of(second), List.copyOf(next));
        queue.notStarted(second);
        assertEquals(0, queue.running());
        assertEquals(2, queue.waiting());

        assertEquals(List.of(second), List.copyOf(queue.startable()), "the refused one first, before the later arrival");
        assertEquals(List.of(third), List.copyOf(queue.ended()));
    }

    @Test
    void aClientThatLeavesWhileWaitingIsSkipped() {
        CatchUpQueue queue = new CatchUpQueue(1);
        ClientStream reading = stream();
        ClientStream leaving = stream();
        ClientStream staying = stream();
        queue.add(reading);
        queue.add(leaving);
        queue.add(staying);

        queue.remove(leaving);

        assertEquals(1, queue.waiting());
        assertEquals(List.of(staying), List.copyOf(queue.ended()));
        assertTrue(queue.ended().isEmpty());
        assertEquals(0, queue.running());
    }
}
