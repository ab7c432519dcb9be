package io.kafkasse.source;

import static io.kafkasse.Eventually.awaitBlocked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.kafkasse.error.StreamProblem;

/** Offset lookups asked by many requests at once, answered by a few broker round trips shared by all that wait. */
class SharedQuestionTest {

    private final AtomicInteger calls = new AtomicInteger();
    private final List<Set<TopicPartition>> batches = new CopyOnWriteArrayList<>();

    private static TopicPartition p(int partition) {
        return new TopicPartition("t", partition);
    }

    /** The broker's answer for a partition, in every round trip that succeeds. */
    private static long end(TopicPartition partition) {
        return 1_000L + partition.partition();
    }

    private Function<Set<TopicPartition>, Map<TopicPartition, Long>> broker(Runnable duringCall) {
        return batch -> {
            calls.incrementAndGet();
            batches.add(Set.copyOf(batch));
            duringCall.run();
            Map<TopicPartition, Long> answer = new HashMap<>();
            batch.forEach(partition -> answer.put(partition, end(partition)));
            return answer;
        };
    }

    /** A caller on a thread of its own. */
    private record Caller(Thread thread, CompletableFuture<Map<TopicPartition, Long>> answer) {
    }

    private static Caller ask(SharedQuestion question, Set<TopicPartition> partitions, CountDownLatch go) {
        CompletableFuture<Map<TopicPartition, Long>> answer = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                go.await();
                answer.complete(question.answer(partitions));
            } catch (Throwable e) {
                answer.completeExceptionally(e);
            }
        }, "caller-" + partitions);
        thread.start();
        return new Caller(thread, answer);
    }

    @Test
    void manyCallersAtOnceShareAFewRoundTripsAndEachGetsExactlyItsPartitions() throws Exception {
        // The first round trip is held at the broker until every other caller waits: those join the next one.
        CountDownLatch firstCallStarted = new CountDownLatch(1);
        CountDownLatch brokerAnswers = new CountDownLatch(1);
        AtomicInteger round = new AtomicInteger();
        SharedQuestion question = new SharedQuestion(broker(() -> {
            if (round.getAndIncrement() == 0) {
                firstCallStarted.countDown();
                await(brokerAnswers);
            }
        }), 20_000);
        int callers = 32;
        List<Caller> asked = new ArrayList<>();
        List<Set<TopicPartition>> wanted = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            Set<TopicPartition> partitions = Set.of(p(i % 8), p((i + 3) % 8));
            wanted.add(partitions);
            asked.add(ask(question, partitions, new CountDownLatch(0)));
            if (i == 0) {
                assertTrue(firstCallStarted.await(20, TimeUnit.SECONDS), "the first caller's round trip started");
            }
        }
        for (Caller caller : asked.subList(1, callers)) {
            awaitBlocked(caller.thread());
        }
        brokerAnswers.countDown();

        for (int i = 0; i < callers; i++) {
            Map<TopicPartition, Long> answer = asked.get(i).answer().get(30, TimeUnit.SECONDS);
            assertEquals(wanted.get(i), answer.keySet(), "exactly the partitions asked for");
            answer.forEach((partition, offset) -> assertEquals(end(partition), offset));
        }
        assertTrue(calls.get() <= callers / 4, "broker calls for " + callers + " callers: " + calls.get());
        Set<TopicPartition> asked8 = new HashSet<>();
        batches.forEach(asked8::addAll);
        assertEquals(8, asked8.size(), "every partition was asked for");
    }

    @Test
    void aFailedRoundTripFailsOnlyItsCallersAndTheNextRoundTripAnswers() throws Exception {
        CountDownLatch firstCallStarted = new CountDownLatch(1);
        CountDownLatch brokerFails = new CountDownLatch(1);
        IllegalStateException failure = new IllegalStateException("the broker went away");
        SharedQuestion question = new SharedQuestion(broker(() -> {
            if (calls.get() == 1) {
                firstCallStarted.countDown();
                await(brokerFails);
                throw failure;
            }
        }), 20_000);
        CountDownLatch go = new CountDownLatch(0);

        Caller first = ask(question, Set.of(p(0)), go);
        assertTrue(firstCallStarted.await(20, TimeUnit.SECONDS));
        Caller second = ask(question, Set.of(p(1)), go);
        Caller third = ask(question, Set.of(p(1), p(2)), go);
        awaitBlocked(second.thread());
        awaitBlocked(third.thread()); // both wait for the next round trip
        brokerFails.countDown();

        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> first.answer().get(20, TimeUnit.SECONDS));
        assertSame(failure, failed.getCause(), "the caller of the failed round trip gets its failure");
        assertEquals(Map.of(p(1), end(p(1))), second.answer().get(20, TimeUnit.SECONDS));
        assertEquals(Map.of(p(1), end(p(1)), p(2), end(p(2))), third.answer().get(20, TimeUnit.SECONDS));
        assertEquals(2, calls.get());
        assertEquals(Set.of(p(1), p(2)), batches.get(1), "the waiting callers shared one round trip");

        assertEquals(Map.of(p(0), end(p(0))), question.answer(Set.of(p(0))), "and later questions are answered");
        assertEquals(3, calls.get());
    }

    @Test
    void aRoundTripThatThrowsAnErrorDoesNotLeaveLaterQuestionsUnanswered() {
        // An Error (a class that failed to load, memory running out) fails the callers of that round trip only.
        NoClassDefFoundError error = new NoClassDefFoundError("org/apache/kafka/SomethingMissing");
        SharedQuestion question = new SharedQuestion(broker(() -> {
            if (calls.get() == 1) {
                throw error;
            }
        }), 2_000);

        StreamProblem failed = assertThrows(StreamProblem.class, () -> question.answer(Set.of(p(0))));
        assertEquals("kafka-unavailable", failed.type());
        assertSame(error, failed.getCause());

        assertEquals(Map.of(p(0), end(p(0))), question.answer(Set.of(p(0))), "the next question is asked and answered");
        assertEquals(2, calls.get());
    }

    @Test
    void aCallerWhoseRoundTripTakesLongerThanTheTimeoutIsToldKafkaIsUnavailable() throws Exception {
        CountDownLatch callStarted = new CountDownLatch(1);
        CountDownLatch brokerAnswers = new CountDownLatch(1);
        SharedQuestion question = new SharedQuestion(broker(() -> {
            callStarted.countDown();
            await(brokerAnswers);
        }), 50);
        Caller slow = ask(question, Set.of(p(0)), new CountDownLatch(0));
        assertTrue(callStarted.await(20, TimeUnit.SECONDS));
        Caller waiting = ask(question, Set.of(p(1)), new CountDownLatch(0));
        try {
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> waiting.answer().get(20, TimeUnit.SECONDS));
            assertEquals("kafka-unavailable", ((StreamProblem) failed.getCause()).type());
        } finally {
            brokerAnswers.countDown();
        }
        slow.thread().join(20_000);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
