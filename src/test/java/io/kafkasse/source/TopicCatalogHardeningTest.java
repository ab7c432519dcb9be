package io.kafkasse.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.kafkasse.Eventually;
import io.kafkasse.error.StreamProblem;

/** Topic names a client invents, by the thousand and from many threads at once: bounded memory, bounded delay. */
class TopicCatalogHardeningTest {

    /** As many names as a request may carry ({@code RequestedNames.MAX_TOPICS}). */
    private static final int NAMES_PER_REQUEST = 64;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final CountingCluster cluster = new CountingCluster().withTopics("orders");

    @AfterEach
    void stopTheBroker() {
        cluster.close();
    }

    private static List<String> invented(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add("invented-" + UUID.randomUUID());
        }
        return names;
    }

    /** Runs the requests on {@code threads} threads at once; each must be answered 404. */
    private static void requestAll(TopicCatalog catalog, List<List<String>> requests, int threads) throws Exception {
        ConcurrentLinkedQueue<List<String>> left = new ConcurrentLinkedQueue<>(requests);
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            CompletableFuture<Void> finished = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    for (List<String> names; (names = left.poll()) != null; ) {
                        assertUnknown(catalog, names);
                    }
                    finished.complete(null);
                } catch (Throwable e) {
                    finished.completeExceptionally(e);
                }
            }, "client-" + i);
            thread.start();
            done.add(finished);
        }
        for (CompletableFuture<Void> finished : done) {
            finished.get(60, TimeUnit.SECONDS);
        }
    }

    private static void assertUnknown(TopicCatalog catalog, List<String> names) {
        try {
            catalog.partitionsOf(names, Set.of());
            throw new AssertionError("answered for " + names);
        } catch (StreamProblem e) {
            if (!"unknown-topic".equals(e.type())) {
                throw new AssertionError("answered " + e.type() + " for invented names", e);
            }
        }
    }

    @Test
    void tenThousandInventedNamesAreAnswered404AndLeaveNothingBehind() throws Exception {
        long spacing = TimeUnit.MILLISECONDS.toNanos(5);
        TopicCatalog catalog = new TopicCatalog(cluster, TIMEOUT, TopicCatalog.FRESH_NANOS, spacing);
        List<String> names = invented(10_000);
        List<List<String>> requests = new ArrayList<>();
        for (int from = 0; from < names.size(); from += NAMES_PER_REQUEST) {
            requests.add(names.subList(from, Math.min(names.size(), from + NAMES_PER_REQUEST)));
        }

        long start = System.nanoTime();
        requestAll(catalog, requests, 16);
        long took = System.nanoTime() - start;

        assertEquals(0, catalog.describedCount(), "no invented name is kept");
        assertEquals(0, cluster.describeQuestions.get(), "no invented name is described");
        int lists = cluster.listQuestions.get();
        assertTrue(lists <= took / spacing + 1, lists + " list questions in " + TimeUnit.NANOSECONDS.toMillis(took) + " ms");
        assertTrue(lists < requests.size(), lists + " list questions for " + requests.size() + " requests");
        assertEquals(2, catalog.partitionsOf(List.of("orders"), Set.of()).size(), "and a real topic is still served");
    }

    @Test
    void theTopicsKeptNeverExceedTheBoundEvenWhenTheyAllExist() {
        TopicCatalog catalog = new TopicCatalog(cluster, TIMEOUT, TopicCatalog.FRESH_NANOS, TopicCatalog.LIST_SPACING_NANOS);
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < TopicCatalog.MAX_DESCRIBED + 500; i++) {
            String topic = "real-" + i;
            cluster.create(topic, 1);
            topics.add(topic);
        }

        int largest = 0;
        for (int from = 0; from < topics.size(); from += NAMES_PER_REQUEST) {
            List<String> request = topics.subList(from, Math.min(topics.size(), from + NAMES_PER_REQUEST));
            assertEquals(request.size(), catalog.partitionsOf(request, Set.of()).size());
            largest = Math.max(largest, catalog.describedCount());
        }

        assertEquals(TopicCatalog.MAX_DESCRIBED, largest);
        assertEquals(1, cluster.listQuestions.get(), "every name was in the first list");
    }

    @Test
    void aFloodOfInventedNamesFromManyClientsDoesNotDelayARequestForARealTopic() throws Exception {
        // Every question takes the broker 20 ms, one at a time: a describe question per invented name, as before, would
        // queue a real topic's request behind 8 clients x 64 names x 20 ms, about 10 s.
        long questionMillis = 20;
        cluster.takes(questionMillis);
        TopicCatalog catalog = new TopicCatalog(cluster, TIMEOUT, TopicCatalog.FRESH_NANOS, TopicCatalog.LIST_SPACING_NANOS);
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        List<CompletableFuture<Void>> flood = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            CompletableFuture<Void> finished = new CompletableFuture<>();
            new Thread(() -> {
                try {
                    while (flooding.get()) {
                        assertUnknown(catalog, invented(NAMES_PER_REQUEST));
                        answered.incrementAndGet();
                    }
                    finished.complete(null);
                } catch (Throwable e) {
                    finished.completeExceptionally(e);
                }
            }, "flood-" + i).start();
            flood.add(finished);
        }
        try {
            Eventually.await("the flood under way", () -> answered.get() >= 8);

            long start = System.nanoTime();
            assertEquals(2, catalog.partitionsOf(List.of("orders"), Set.of()).size());
            long listedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            cluster.create("created-now", 1);
            start = System.nanoTime();
            assertEquals(1, catalog.partitionsOf(List.of("created-now"), Set.of()).size());
            long createdMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            // A listed topic waits for the question under way and its own; a topic created meanwhile, for the
            // next list question too (at most the spacing away).
            assertTrue(listedMillis < 10 * questionMillis, "a listed topic answered in " + listedMillis + " ms");
            long spacingMillis = TimeUnit.NANOSECONDS.toMillis(TopicCatalog.LIST_SPACING_NANOS);
            assertTrue(createdMillis < spacingMillis + 10 * questionMillis, "a new topic answered in " + createdMillis + " ms");
        } finally {
            flooding.set(false);
        }
        for (CompletableFuture<Void> finished : flood) {
            finished.get(30, TimeUnit.SECONDS);
        }
        assertEquals(Set.of("orders", "created-now"), cluster.described, "only real topics were described");
        assertEquals(2, catalog.describedCount(), "and only they are kept");
    }
}
