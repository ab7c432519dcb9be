package io.kafkasse.source;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.apache.kafka.common.TopicPartition;

/**
 * One offset question (the end, or the beginning, of partitions) asked by many requests at once, answered with one
 * broker round trip for all that wait: a request that arrives while a round trip is under way joins the next one,
 * which the thread that asked first runs as soon as its own returns. No lock is held across the broker call.
 */
final class SharedQuestion {

    private final Function<Set<TopicPartition>, Map<TopicPartition, Long>> ask;
    private final long timeoutMillis;
    /** Guarded by {@code this}: the partitions of the next round trip and its answer, and whether one is under way. */
    private Set<TopicPartition> queued = new HashSet<>();
    private CompletableFuture<Map<TopicPartition, Long>> next;
    private boolean asking;

    SharedQuestion(Function<Set<TopicPartition>, Map<TopicPartition, Long>> ask, long timeoutMillis) {
        this.ask = ask;
        this.timeoutMillis = timeoutMillis;
    }

    Map<TopicPartition, Long> answer(Collection<TopicPartition> partitions) {
        CompletableFuture<Map<TopicPartition, Long>> answer;
        boolean lead;
        synchronized (this) {
            queued.addAll(partitions);
            if (next == null) {
                next = new CompletableFuture<>();
            }
            answer = next;
            lead = !asking;
            asking = true;
        }
        if (lead) {
            askWhileQueued();
        }
        // A failure passes as it is (a problem, or a Kafka error that the lookups turned into one).
        Map<TopicPartition, Long> all = KafkaWait.await(answer, timeoutMillis);
        Map<TopicPartition, Long> mine = new HashMap<>();
        partitions.forEach(partition -> mine.put(partition, all.get(partition)));
        return mine;
    }

    private void askWhileQueued() {
        while (true) {
            Set<TopicPartition> batch;
            CompletableFuture<Map<TopicPartition, Long>> answer;
            synchronized (this) {
                if (queued.isEmpty()) {
                    asking = false;
                    return;
                }
                batch = queued;
                answer = next;
                queued = new HashSet<>();
                next = null;
            }
            try {
                answer.complete(ask.apply(batch));
            } catch (RuntimeException | Error e) {
                // An Error too: escaping, it would leave `asking` set, and no later question would ever be asked
                // (every caller timing out as kafka-unavailable until a restart). Its callers get it as their failure.
                answer.completeExceptionally(e);
            }
        }
    }
}
