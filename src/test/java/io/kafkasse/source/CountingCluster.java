package io.kafkasse.source;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsResult;
import org.apache.kafka.clients.admin.MockAdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.internals.KafkaFutureImpl;

/**
 * The cluster of the catalog's tests: Kafka's {@link MockAdminClient}, counting the metadata questions it is asked.
 * Describe and list questions are answered in the order they were asked, one at a time, by a thread of this class, as
 * the service's one admin client has them answered; given a time per question, they queue (the answer is the state of
 * the cluster when its turn came, delivered that time later). A describe question returns at once with its answers to
 * come, as the real client's does; a list question waits for its answer.
 */
final class CountingCluster extends MockAdminClient {

    private static final Node BROKER = new Node(0, "localhost", 9092);

    final AtomicInteger listQuestions = new AtomicInteger();
    /** List questions whose answer the broker has taken from its state (then it takes its time to deliver it). */
    final AtomicInteger listsTaken = new AtomicInteger();
    final AtomicInteger describeQuestions = new AtomicInteger();
    /** Every name that was the subject of a describe question. */
    final Set<String> described = ConcurrentHashMap.newKeySet();
    private final ExecutorService broker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "broker");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long nanosPerQuestion;
    private volatile CountDownLatch describeHeld = new CountDownLatch(0);

    CountingCluster() {
        super(List.of(BROKER), BROKER);
    }

    Node broker() {
        return BROKER;
    }

    CountingCluster withTopics(String... topics) {
        for (String topic : topics) {
            create(topic, 2);
        }
        return this;
    }

    void create(String topic, int partitions) {
        get(createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all());
    }

    /** Every later question takes this long, and the ones after it wait. */
    void takes(long millis) {
        nanosPerQuestion = TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** The next describe question is answered only after {@link #answerDescribes}, and every question after it too. */
    void holdDescribes() {
        describeHeld = new CountDownLatch(1);
    }

    void answerDescribes() {
        describeHeld.countDown();
    }

    @Override
    public ListTopicsResult listTopics(ListTopicsOptions options) {
        listQuestions.incrementAndGet();
        // In the caller, and not interruptibly: the real client's call returns at once, whatever the thread's state.
        return CompletableFuture.supplyAsync(() -> {
            ListTopicsResult answer = super.listTopics(options);
            listsTaken.incrementAndGet();
            answerTime();
            return answer;
        }, broker).join();
    }

    @Override
    public DescribeTopicsResult describeTopics(TopicCollection topics, DescribeTopicsOptions options) {
        describeQuestions.incrementAndGet();
        Collection<String> names = ((TopicCollection.TopicNameCollection) topics).topicNames();
        described.addAll(names);
        Map<String, KafkaFutureImpl<TopicDescription>> answers = new HashMap<>();
        names.forEach(name -> answers.put(name, new KafkaFutureImpl<>()));
        CountDownLatch held = describeHeld;
        broker.execute(() -> {
            try {
                held.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Map<String, KafkaFuture<TopicDescription>> taken = super.describeTopics(topics, options).topicNameValues();
            answerTime();
            taken.forEach((name, answer) -> answer.whenComplete(
                    (description, failure) -> {
                        if (failure == null) {
                            answers.get(name).complete(description);
                        } else {
                            answers.get(name).completeExceptionally(failure);
                        }
                    }));
        });
        return new DescribeTopicsResult(null, Map.copyOf(answers)) {
        };
    }

    /** The broker's work on a question: simulated, so not a wait for something to happen. */
    private void answerTime() {
        long end = System.nanoTime() + nanosPerQuestion;
        long left;
        while ((left = end - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    private static <T> T get(Future<T> answer) {
        try {
            return answer.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close(Duration timeout) {
        broker.shutdownNow();
        super.close(timeout);
    }
}
