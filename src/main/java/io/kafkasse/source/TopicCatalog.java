package io.kafkasse.source;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import io.kafkasse.config.ServiceConfig;
import io.kafkasse.error.StreamProblem;
import io.kafkasse.position.Cursor;

/**
 * Answers which partitions the requested topics have, through one shared admin client. Asking the admin client never
 * creates a topic, whatever the broker's auto-creation setting.
 * <p>
 * The names come from clients, who may invent as many as they like; the admin client sends its questions one after
 * another, so one question per invented name would queue every other request (and the readiness check) behind them,
 * and remembering every name would grow without end. So a name is described only if the broker listed it as a topic:
 * <ul>
 * <li>A name not in the newest list of topic names ({@link TopicList}) waits for a list asked after the request
 *     came, shared by every request that waits meanwhile and asked at most once per {@link #LIST_SPACING_NANOS}; not
 *     in it, it is a 404 (a 500 when the operator's configuration named it), and the request asks nothing else. A
 *     topic created just before is therefore found, and a flood of invented names costs the broker one list question
 *     per spacing.</li>
 * <li>A listed name is described (the partitions), all of a request's names in one question; requests for the same
 *     topic share the answer in flight, and a successful one is kept for {@link #FRESH_NANOS} in a map of at most
 *     {@link #MAX_DESCRIBED} topics ({@link DescribedTopics}); the topic watch, and {@link #forget}, catch deletions
 *     sooner. A listed name the broker no longer knows (deleted since) leaves the list: the requests for it are then
 *     answered by the next list, not each by a describe question of its own.</li>
 * <li>Failures are never kept: a 503 ({@code kafka-unavailable}) for its request, and the next asks again.</li>
 * </ul>
 * Ordering rule: every name of a request is checked against the list before anything is described, so a request
 * naming a topic that does not exist costs no describe question.
 */
@ApplicationScoped
public class TopicCatalog {

    static final long FRESH_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** Past a few thousand topics opened within {@link #FRESH_NANOS}, the ones asked longest ago are asked again. */
    static final int MAX_DESCRIBED = 4096;
    /**
     * How often, at most, the topic names are listed. Every request for a name not listed yet waits up to this (and a
     * round trip): short enough for a typo or a new topic, long enough that the broker hardly notices a flood.
     */
    static final long LIST_SPACING_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    @Inject
    ServiceConfig config;

    /** Null in the application: the configuration's. */
    private final Duration timeout;
    private volatile Admin admin;
    private final DescribedTopics described;
    private final TopicList list;

    public TopicCatalog() {
        this(null, null, FRESH_NANOS, LIST_SPACING_NANOS);
    }

    /** A catalog over the given admin client (tests). */
    TopicCatalog(Admin admin, Duration timeout, long freshNanos, long listSpacingNanos) {
        this.admin = admin;
        this.timeout = timeout;
        this.described = new DescribedTopics(MAX_DESCRIBED, freshNanos);
        this.list = new TopicList(this::admin, listSpacingNanos);
    }

    /**
     * Every partition of the topics, sorted by topic then partition: 404 for a topic that does not exist, 500 when
     * it was named by the operator's configuration of a stream.
     */
    public List<TopicPartition> partitionsOf(Collection<String> topics, Set<String> configured) {
        long timeoutMs = timeoutMillis();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        Map<String, CompletableFuture<List<Integer>>> answers = new HashMap<>();
        List<String> toDescribe = new ArrayList<>();
        for (String topic : topics) {
            CompletableFuture<List<Integer>> shared = described.shared(topic);
            if (shared != null) {
                answers.put(topic, shared);
            } else {
                toDescribe.add(topic);
            }
        }
        if (!toDescribe.isEmpty()) {
            checkListed(toDescribe, configured, timeoutMs);
            describe(toDescribe, answers, timeoutMs);
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            await(topic, answers.get(topic), deadline, configured.contains(topic))
                    .forEach(partition -> partitions.add(new TopicPartition(topic, partition)));
        }
        partitions.sort(Cursor.ORDER);
        return partitions;
    }

    private void checkListed(List<String> topics, Set<String> configured, long timeoutMs) {
        TopicList.Listing known = list.latest();
        if (topics.stream().allMatch(known::contains)) {
            return;
        }
        TopicList.Listing now = list.listedNow(timeoutMs);
        for (String topic : topics) {
            if (!now.contains(topic)) {
                throw missing(topic, configured.contains(topic));
            }
        }
    }

    /** Describes the topics in one question, except those another request is describing already. */
    private void describe(List<String> topics, Map<String, CompletableFuture<List<Integer>>> answers, long timeoutMs) {
        Map<String, CompletableFuture<List<Integer>>> mine = new LinkedHashMap<>();
        for (String topic : topics) {
            CompletableFuture<List<Integer>> asked = new CompletableFuture<>();
            CompletableFuture<List<Integer>> shared = described.share(topic, asked);
            answers.put(topic, shared);
            if (shared == asked) {
                mine.put(topic, asked);
            }
        }
        if (mine.isEmpty()) {
            return;
        }
        long askedAt = System.nanoTime();
        try {
            Map<String, KafkaFuture<TopicDescription>> asked = admin()
                    .describeTopics(mine.keySet(), new DescribeTopicsOptions().timeoutMs((int) timeoutMs))
                    .topicNameValues();
            mine.forEach((topic, answer) -> asked.get(topic).whenComplete((description, failure) -> {
                if (failure == null) {
                    answer.complete(description.partitions().stream().map(TopicPartitionInfo::partition).toList());
                } else {
                    if (unknownTopic(failure)) {
                        list.gone(topic, askedAt);
                    }
                    answer.completeExceptionally(failure);
                }
            }));
        } catch (RuntimeException | Error e) {
            // Shared already: the other requests waiting for these answers must not wait out their timeout.
            mine.values().forEach(answer -> answer.completeExceptionally(e));
            throw e;
        }
    }

    /** Drops what is known of a topic (it was deleted or changed): the next request asks the cluster. */
    public void forget(String topic) {
        described.forget(topic);
    }

    private static List<Integer> await(String topic, CompletableFuture<List<Integer>> future, long deadline, boolean configured) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (unknownTopic(e.getCause())) {
                throw missing(topic, configured);
            }
            throw StreamProblem.kafkaUnavailable(e.getCause());
        } catch (TimeoutException e) {
            throw StreamProblem.kafkaUnavailable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StreamProblem.kafkaUnavailable(e);
        }
    }

    private static boolean unknownTopic(Throwable failure) {
        // As it is, or wrapped once (a CompletionException), depending on which future passed it on.
        return failure instanceof UnknownTopicOrPartitionException
                || failure != null && failure.getCause() instanceof UnknownTopicOrPartitionException;
    }

    private static StreamProblem missing(String topic, boolean configured) {
        if (configured) {
            return StreamProblem.configuration("A configured stream names a topic that does not exist: " + topic);
        }
        return StreamProblem.unknownTopic(topic);
    }

    /**
     * The partition count of each topic, asked without blocking: 0 for a topic that no longer exists; a topic whose
     * answer failed otherwise (the broker away) is left out, so that an outage is never taken for a deletion.
     */
    public CompletableFuture<Map<String, Integer>> partitionCounts(Collection<String> topics) {
        Map<String, KafkaFuture<TopicDescription>> asked = admin()
                .describeTopics(topics, new DescribeTopicsOptions().timeoutMs((int) timeoutMillis()))
                .topicNameValues();
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        CompletableFuture<?>[] answers = asked.entrySet().stream().map(entry -> {
            CompletableFuture<Void> answer = new CompletableFuture<>();
            entry.getValue().whenComplete((description, failure) -> {
                if (description != null) {
                    counts.put(entry.getKey(), description.partitions().size());
                } else if (unknownTopic(failure)) {
                    counts.put(entry.getKey(), 0);
                }
                answer.complete(null);
            });
            return answer;
        }).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(answers).thenApply(done -> Map.copyOf(counts));
    }

    /** The names of every topic on the cluster except internal ones, as listed after this call began. */
    public Set<String> topicNames() {
        return list.listedNow(timeoutMillis()).visible();
    }

    /** Whether the cluster answers a cheap question (its nodes) within {@code timeout}; never throws. */
    public boolean clusterAnswers(Duration timeout) {
        try {
            return !admin().describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** How many topics' partitions are kept or being asked (tests: the bound). */
    int describedCount() {
        return described.size();
    }

    private long timeoutMillis() {
        return (timeout != null ? timeout : config.kafkaTimeout()).toMillis();
    }

    private Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    // The Kafka client loads classes named in its configuration through the thread's context class
                    // loader: a server's own thread (its health probe's) has the server's, which does not see them.
                    Thread thread = Thread.currentThread();
                    ClassLoader previous = thread.getContextClassLoader();
                    thread.setContextClassLoader(TopicCatalog.class.getClassLoader());
                    try {
                        admin = Admin.create(config.kafka().adminProperties("kafka-sse-metadata"));
                    } finally {
                        thread.setContextClassLoader(previous);
                    }
                }
                current = admin;
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            // It only ever reads metadata: nothing is lost by not waiting, and an unreachable cluster must not hold up undeploy.
            admin.close(Duration.ZERO);
        }
    }
}
