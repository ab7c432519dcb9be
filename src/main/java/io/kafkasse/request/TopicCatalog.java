package io.kafkasse.request;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 */
@ApplicationScoped
public class TopicCatalog {

    @Inject
    ServiceConfig config;

    private volatile Admin admin;

    /**
     * Every partition of the topics, sorted by topic then partition: 404 for a topic that does not exist, 500 when
     * it was named by the operator's configuration of a stream.
     */
    public List<TopicPartition> partitionsOf(Collection<String> topics, Set<String> configured) {
        long timeoutMs = config.kafkaTimeout().toMillis();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        Map<String, KafkaFuture<TopicDescription>> described = admin()
                .describeTopics(topics, new DescribeTopicsOptions().timeoutMs((int) timeoutMs))
                .topicNameValues();
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            TopicDescription description = await(topic, described.get(topic), deadline, configured.contains(topic));
            description.partitions().forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        partitions.sort(Cursor.ORDER);
        return partitions;
    }

    private static TopicDescription await(String topic, KafkaFuture<TopicDescription> future, long deadline, boolean configured) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
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

    private Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(config.kafka().adminProperties("kafka-sse-metadata"));
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
