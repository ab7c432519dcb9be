package io.kafkasse.source;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
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
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import io.kafkasse.config.ServiceConfig;
import io.kafkasse.error.StreamProblem;
import io.kafkasse.position.Cursor;

/**
 * Answers which partitions the requested topics have, through one shared admin client. Asking the admin client never
 * creates a topic, whatever the broker's auto-creation setting.
 * <p>
 * The admin client sends one request at a time, so asking it once per stream request would open about fifty streams a
 * second: a burst of reconnecting clients would queue behind it. Requests for the same topic therefore share the
 * question in flight, and a successful answer is kept for {@link #FRESH_NANOS} (the topic watch, and {@link #forget},
 * catch deletions sooner). Failures are never kept.
 */
@ApplicationScoped
public class TopicCatalog {

    @Inject
    ServiceConfig config;

    static final long FRESH_NANOS = TimeUnit.SECONDS.toNanos(10);

    private volatile Admin admin;
    private final Map<String, Described> described = new ConcurrentHashMap<>();

    /** One topic's description, asked at {@code askedAt} (nanoTime); shared while in flight and while fresh. */
    private record Described(CompletableFuture<TopicDescription> description, long askedAt) {

        boolean usable(long now) {
            return !description.isDone() || !description.isCompletedExceptionally() && now - askedAt < FRESH_NANOS;
        }
    }

    /**
     * Every partition of the topics, sorted by topic then partition: 404 for a topic that does not exist, 500 when
     * it was named by the operator's configuration of a stream.
     */
    public List<TopicPartition> partitionsOf(Collection<String> topics, Set<String> configured) {
        long timeoutMs = config.kafkaTimeout().toMillis();
        long now = System.nanoTime();
        long deadline = now + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        Map<String, CompletableFuture<TopicDescription>> answers = new LinkedHashMap<>();
        for (String topic : topics) {
            answers.put(topic, described.compute(topic, (name, known) -> known != null && known.usable(now) ? known
                    : new Described(ask(name, timeoutMs), now)).description());
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            TopicDescription description = await(topic, answers.get(topic), deadline, configured.contains(topic));
            description.partitions().forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        partitions.sort(Cursor.ORDER);
        return partitions;
    }

    private CompletableFuture<TopicDescription> ask(String topic, long timeoutMs) {
        return admin().describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs((int) timeoutMs))
                .topicNameValues().get(topic).toCompletionStage().toCompletableFuture();
    }

    /** Drops what is known of a topic (it was deleted or changed): the next request asks the cluster. */
    public void forget(String topic) {
        described.remove(topic);
    }

    private static TopicDescription await(String topic, CompletableFuture<TopicDescription> future, long deadline, boolean configured) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException
                    || e.getCause() instanceof java.util.concurrent.CompletionException c && c.getCause() instanceof UnknownTopicOrPartitionException) {
                if (configured) {
                    throw StreamProblem.configuration("A configured stream names a topic that does not exist: " + topic);
                }
                throw StreamProblem.unknownTopic(topic);
            }
            throw StreamProblem.kafkaUnavailable(e.getCause());
        } catch (TimeoutException e) {
            throw StreamProblem.kafkaUnavailable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StreamProblem.kafkaUnavailable(e);
        }
    }

    /**
     * The partition count of each topic, asked without blocking: 0 for a topic that no longer exists; a topic whose
     * answer failed otherwise (the broker away) is left out, so that an outage is never taken for a deletion.
     */
    public CompletableFuture<Map<String, Integer>> partitionCounts(Collection<String> topics) {
        Map<String, KafkaFuture<TopicDescription>> asked = admin()
                .describeTopics(topics, new DescribeTopicsOptions().timeoutMs((int) config.kafkaTimeout().toMillis()))
                .topicNameValues();
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        CompletableFuture<?>[] answers = asked.entrySet().stream().map(entry -> {
            CompletableFuture<Void> answer = new CompletableFuture<>();
            entry.getValue().whenComplete((description, failure) -> {
                if (description != null) {
                    counts.put(entry.getKey(), description.partitions().size());
                } else if (failure instanceof UnknownTopicOrPartitionException
                        || failure != null && failure.getCause() instanceof UnknownTopicOrPartitionException) {
                    counts.put(entry.getKey(), 0);
                }
                answer.complete(null);
            });
            return answer;
        }).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(answers).thenApply(done -> Map.copyOf(counts));
    }

    /** The names of every topic on the cluster except internal ones. */
    public Set<String> topicNames() {
        try {
            return admin().listTopics().names().get(config.kafkaTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw StreamProblem.kafkaUnavailable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StreamProblem.kafkaUnavailable(e);
        }
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
