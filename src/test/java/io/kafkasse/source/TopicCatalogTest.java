package io.kafkasse.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.kafkasse.Eventually;
import io.kafkasse.error.StreamProblem;

/** Which partitions requested topics have, and the problems a request meets: the catalog's contract. */
class TopicCatalogTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final CountingCluster cluster = new CountingCluster().withTopics("orders", "wiki");
    private final TopicCatalog catalog = new TopicCatalog(cluster, TIMEOUT, TopicCatalog.FRESH_NANOS,
            TopicCatalog.LIST_SPACING_NANOS);

    @AfterEach
    void stopTheBroker() {
        cluster.close();
    }

    private List<TopicPartition> partitionsOf(String... topics) {
        return catalog.partitionsOf(List.of(topics), Set.of());
    }

    private static StreamProblem problem(Runnable request) {
        return assertThrows(StreamProblem.class, request::run);
    }

    @Test
    void theTopicsPartitionsAreSortedByTopicThenPartition() {
        cluster.create("alpha", 3);

        assertEquals(List.of(new TopicPartition("alpha", 0), new TopicPartition("alpha", 1), new TopicPartition("alpha", 2),
                new TopicPartition("wiki", 0), new TopicPartition("wiki", 1)), partitionsOf("wiki", "alpha"));
    }

    @Test
    void aRequestsTopicsAreDescribedInOneQuestionAndThenKeptWhileFresh() {
        partitionsOf("orders", "wiki");
        partitionsOf("wiki", "orders");
        partitionsOf("orders");

        assertEquals(1, cluster.describeQuestions.get());
        assertEquals(2, catalog.describedCount());
    }

    @Test
    void aTopicThatDoesNotExistIsA404AndCostsNoDescribeQuestion() {
        StreamProblem unknown = problem(() -> partitionsOf("orders", "nope", "nada"));

        assertEquals(404, unknown.status());
        assertEquals("unknown-topic", unknown.type());
        assertEquals("nope", unknown.toJson().getString("topic"));
        assertEquals(0, cluster.describeQuestions.get(), "not even for the topic that exists");
        assertEquals(1, cluster.listQuestions.get());
        assertEquals(0, catalog.describedCount());
    }

    @Test
    void aConfiguredTopicThatDoesNotExistIsAConfigurationError() {
        StreamProblem missing = problem(() -> catalog.partitionsOf(List.of("never-created"), Set.of("never-created")));

        assertEquals(500, missing.status());
        assertEquals("configuration-error", missing.type());
        assertTrue(missing.getMessage().contains("never-created"), missing.getMessage());
    }

    @Test
    void aTopicDeletedSinceItWasListedIsStillMissingAndIsNotDescribedAgain() throws Exception {
        partitionsOf("orders"); // the list now has "wiki" too
        cluster.deleteTopics(List.of("wiki")).all().get(10, TimeUnit.SECONDS);

        StreamProblem deleted = problem(() -> catalog.partitionsOf(List.of("wiki"), Set.of("wiki")));
        assertEquals("configuration-error", deleted.type(), "the broker's answer to the describe question");
        int describes = cluster.describeQuestions.get();

        assertEquals("unknown-topic", problem(() -> partitionsOf("wiki")).type());
        assertEquals(describes, cluster.describeQuestions.get(), "the name left the list: the list answers");
    }

    @Test
    void aTopicCreatedJustBeforeARequestIsFoundByThatRequest() {
        assertEquals("unknown-topic", problem(() -> partitionsOf("fresh")).type());
        cluster.create("fresh", 1);

        long start = System.nanoTime();
        assertEquals(List.of(new TopicPartition("fresh", 0)), partitionsOf("fresh"));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        // The list was asked just before: the new one waits for the spacing, and no longer.
        long spacingMillis = TimeUnit.NANOSECONDS.toMillis(TopicCatalog.LIST_SPACING_NANOS);
        assertTrue(tookMillis < spacingMillis + 1_000, "found in " + tookMillis + " ms");
        assertEquals(2, cluster.listQuestions.get());
    }

    @Test
    void aRequestNeverTakesAListAskedBeforeItCame() throws Exception {
        cluster.takes(200);
        CompletableFuture<StreamProblem> first = CompletableFuture.supplyAsync(() -> problem(() -> partitionsOf("late")));
        Eventually.await("the first list taken", () -> cluster.listsTaken.get() == 1);
        cluster.create("late", 1); // while the first list is on its way back

        assertEquals(List.of(new TopicPartition("late", 0)), partitionsOf("late"), "the request that came after");
        assertEquals("unknown-topic", first.get(20, TimeUnit.SECONDS).type(), "the request that came before");
        assertEquals(2, cluster.listQuestions.get());
    }

    @Test
    void anInterruptedRequestSendsItsListQuestionAtOnceAndTheOthersWaitingForItAreAnswered() throws Exception {
        TopicCatalog spaced = new TopicCatalog(cluster, TIMEOUT, TopicCatalog.FRESH_NANOS, TimeUnit.SECONDS.toNanos(30));
        assertThrows(StreamProblem.class, () -> spaced.partitionsOf(List.of("a"), Set.of())); // the next list is 30 s away
        CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
        Thread sender = new Thread(() -> {
            assertThrows(StreamProblem.class, () -> spaced.partitionsOf(List.of("b"), Set.of()));
            stillInterrupted.complete(Thread.currentThread().isInterrupted());
        }, "sender");
        sender.start();
        Eventually.awaitBlocked(sender);
        CompletableFuture<StreamProblem> companion = new CompletableFuture<>();
        Thread waiting = new Thread(() -> companion.complete(
                assertThrows(StreamProblem.class, () -> spaced.partitionsOf(List.of("c"), Set.of()))), "companion");
        waiting.start();
        Eventually.awaitBlocked(waiting);

        sender.interrupt();

        assertTrue(stillInterrupted.get(20, TimeUnit.SECONDS), "its own request ended, the interrupt kept");
        assertEquals("unknown-topic", companion.get(20, TimeUnit.SECONDS).type(), "answered now, not in 30 s");
        assertEquals(2, cluster.listQuestions.get());
    }

    @Test
    void requestsForTheSameTopicAtOnceShareOneDescribeQuestion() throws Exception {
        partitionsOf("orders"); // the list is known: the requests below go straight to describing
        cluster.holdDescribes();
        List<Thread> requests = new ArrayList<>();
        List<CompletableFuture<List<TopicPartition>>> answers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            CompletableFuture<List<TopicPartition>> answer = new CompletableFuture<>();
            Thread request = new Thread(() -> {
                try {
                    answer.complete(partitionsOf("wiki"));
                } catch (Throwable e) {
                    answer.completeExceptionally(e);
                }
            }, "request-" + i);
            request.start();
            requests.add(request);
            answers.add(answer);
        }
        requests.forEach(Eventually::awaitBlocked);
        cluster.answerDescribes();

        for (CompletableFuture<List<TopicPartition>> answer : answers) {
            assertEquals(List.of(new TopicPartition("wiki", 0), new TopicPartition("wiki", 1)), answer.get(20, TimeUnit.SECONDS));
        }
        assertEquals(2, cluster.describeQuestions.get(), "one for orders, one for all the requests for wiki");
    }

    @Test
    void aDescriptionExpiresAfterItsFreshnessAndIsRemoved() {
        TopicCatalog shortLived = new TopicCatalog(cluster, TIMEOUT, TimeUnit.MILLISECONDS.toNanos(50),
                TopicCatalog.LIST_SPACING_NANOS);
        shortLived.partitionsOf(List.of("orders", "wiki"), Set.of());
        assertEquals(2, shortLived.describedCount());
        cluster.create("other", 1);

        // Any later request removes what expired, whatever it asks for.
        Eventually.await("orders and wiki removed", () -> {
            shortLived.partitionsOf(List.of("other"), Set.of());
            return shortLived.describedCount() == 1;
        }, () -> "kept: " + shortLived.describedCount());
        int describes = cluster.describeQuestions.get();
        shortLived.partitionsOf(List.of("orders"), Set.of());
        assertEquals(describes + 1, cluster.describeQuestions.get(), "asked again");
    }

    @Test
    void aForgottenTopicIsAskedAgain() {
        partitionsOf("orders");
        catalog.forget("orders");
        partitionsOf("orders");

        assertEquals(2, cluster.describeQuestions.get());
    }

    @Test
    void aListQuestionThatFailsIsKafkaUnavailableAndIsNotKept() {
        cluster.timeoutNextRequest(1);

        StreamProblem failed = problem(() -> partitionsOf("orders"));
        assertEquals(503, failed.status());
        assertEquals("kafka-unavailable", failed.type());
        assertTrue(failed.retryable());

        assertEquals(2, partitionsOf("orders").size(), "the next request asks again");
        assertEquals(2, cluster.listQuestions.get());
    }

    @Test
    void aDescribeQuestionThatFailsIsKafkaUnavailableAndIsNotKept() {
        partitionsOf("orders");
        cluster.timeoutNextRequest(1);

        assertEquals("kafka-unavailable", problem(() -> partitionsOf("wiki")).type());
        assertEquals(1, catalog.describedCount(), "only orders is kept");

        assertEquals(2, partitionsOf("wiki").size());
        assertEquals(3, cluster.describeQuestions.get());
    }

    @Test
    void topicNamesAreTheClustersTopicsAsListedAfterTheCallBeganWithoutInternalOnes() {
        cluster.addTopic(true, "__consumer_offsets", List.of(new TopicPartitionInfo(0, cluster.broker(), List.of(cluster.broker()),
                List.of())), Map.of());
        assertEquals(Set.of("orders", "wiki"), catalog.topicNames());
        cluster.create("new", 1);

        assertEquals(Set.of("orders", "wiki", "new"), catalog.topicNames(), "created after the previous list");
        assertEquals(1, catalog.partitionsOf(List.of("__consumer_offsets"), Set.of()).size(),
                "an internal topic is still served when it is allowed");
    }

    @Test
    void theClusterAnswersWhenItHasNodes() {
        assertTrue(catalog.clusterAnswers(Duration.ofSeconds(1)));
        cluster.timeoutNextRequest(1);
        assertFalse(catalog.clusterAnswers(Duration.ofSeconds(1)));
    }

    @Test
    void partitionCountsSayZeroForATopicGoneAndLeaveOutAFailure() throws Exception {
        assertEquals(Map.of("orders", 2, "gone", 0), catalog.partitionCounts(List.of("orders", "gone")).get(10, TimeUnit.SECONDS));
        cluster.timeoutNextRequest(1);
        assertEquals(Map.of(), catalog.partitionCounts(List.of("orders")).get(10, TimeUnit.SECONDS));
    }

}
