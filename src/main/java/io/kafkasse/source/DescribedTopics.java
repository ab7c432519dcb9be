package io.kafkasse.source;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The partitions of topics recently described, or being described, shared by every request for them: at most
 * {@code capacity} topics, each for {@code freshNanos} from when it was asked. Only names the broker listed come in,
 * so clients cannot fill it with names they invent; the capacity holds even against real names (a cluster of more
 * topics): past it, the topic asked longest ago goes. A failed answer goes as soon as it fails.
 * <p>
 * Ordering rule: entries sit in the order they were asked (an answer replaced is removed and put anew, and the time is
 * read under the lock), so the expired ones are always first and a sweep stops at the first fresh one.
 */
final class DescribedTopics {

    private record Described(CompletableFuture<List<Integer>> partitions, long askedAt) {

        boolean failed() {
            return partitions.isCompletedExceptionally();
        }
    }

    private final int capacity;
    private final long freshNanos;
    /** Guarded by {@code this}; in the order asked. */
    private final Map<String, Described> byName = new LinkedHashMap<>();

    DescribedTopics(int capacity, long freshNanos) {
        this.capacity = capacity;
        this.freshNanos = freshNanos;
    }

    /** The answer shared for the topic, in flight or fresh; null if it must be asked. */
    synchronized CompletableFuture<List<Integer>> shared(String topic) {
        removeExpired();
        Described described = byName.get(topic);
        if (described == null) {
            return null;
        }
        if (described.failed()) {
            byName.remove(topic);
            return null;
        }
        return described.partitions();
    }

    /**
     * Shares {@code asked} as the answer for the topic, unless another is shared already: the one returned is the one
     * to wait for, and the caller asks the broker only when it is its own.
     */
    synchronized CompletableFuture<List<Integer>> share(String topic, CompletableFuture<List<Integer>> asked) {
        CompletableFuture<List<Integer>> shared = shared(topic);
        if (shared != null) {
            return shared;
        }
        if (byName.size() >= capacity) {
            Iterator<Map.Entry<String, Described>> eldest = byName.entrySet().iterator();
            eldest.next();
            eldest.remove();
        }
        Described described = new Described(asked, System.nanoTime());
        byName.put(topic, described);
        asked.whenComplete((partitions, failure) -> {
            if (failure != null) {
                forget(topic, described);
            }
        });
        return asked;
    }

    synchronized void forget(String topic) {
        byName.remove(topic);
    }

    private synchronized void forget(String topic, Described described) {
        byName.remove(topic, described);
    }

    synchronized int size() {
        return byName.size();
    }

    private void removeExpired() {
        long now = System.nanoTime();
        Iterator<Described> oldestFirst = byName.values().iterator();
        while (oldestFirst.hasNext() && now - oldestFirst.next().askedAt() >= freshNanos) {
            oldestFirst.remove();
        }
    }
}
