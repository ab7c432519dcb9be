package io.kafkasse.source;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicListing;

import io.kafkasse.error.StreamProblem;

/**
 * The names of the cluster's topics, asked of the broker in one question shared by every caller who wants it, and
 * never more often than once per {@code spacingNanos}: whatever names clients invent, the broker hears one list
 * question per spacing at most (a slow broker may have a few in flight: its timeout over the spacing), and the answer's
 * size is the cluster's, not the clients'. Nothing is kept per name asked.
 * <p>
 * A caller that must know whether a name exists now ({@link #listedNow}) is answered by a question sent after it
 * asked, so that a topic created just before is never denied; it waits for at most the spacing and one round trip.
 * The caller that opens a round sends it; it waits in its own thread, which was going to wait for the answer anyway,
 * so no thread of this class is ever started.
 * <p>
 * Ordering rules, all under {@code this}: a caller joins the round not yet sent ({@code pending}), or opens one; the
 * round stops taking callers ({@code pending} cleared) in the same step that stamps the time it is sent, before the
 * question goes out, so every caller of a round asked before it was sent. The newest listing replaces the one kept
 * only if it was asked later, and a name a later describe question found missing leaves it ({@link #gone}). A failure
 * is its round's callers' only: nothing is kept, and the next round asks again.
 */
final class TopicList {

    /** The topic names at the moment a question was sent ({@code askedAt}, nanoTime), internal topics included. */
    record Listing(Set<String> names, Set<String> internal, long askedAt) {

        static final Listing NONE = new Listing(Set.of(), Set.of(), Long.MIN_VALUE);

        boolean contains(String topic) {
            return names.contains(topic);
        }

        Set<String> visible() {
            return names.stream().filter(name -> !internal.contains(name)).collect(Collectors.toUnmodifiableSet());
        }

        Listing without(String topic) {
            Set<String> rest = new HashSet<>(names);
            rest.remove(topic);
            return new Listing(Set.copyOf(rest), internal, askedAt);
        }
    }

    private final Supplier<Admin> admin;
    private final long spacingNanos;
    /** The newest answer; replaced under {@code this}, read without. */
    private volatile Listing latest = Listing.NONE;
    /** Guarded by {@code this}: the round that callers join, not sent yet, and when the last one was sent. */
    private CompletableFuture<Listing> pending;
    private long lastSentAt;
    private boolean sentBefore;

    TopicList(Supplier<Admin> admin, long spacingNanos) {
        this.admin = admin;
        this.spacingNanos = spacingNanos;
    }

    /** The newest listing, however old: enough to know that a name was a topic, never that it is not. */
    Listing latest() {
        return latest;
    }

    /** A listing asked after this call began: 503 if the broker does not give it within {@code timeoutMillis}. */
    Listing listedNow(long timeoutMillis) {
        long start = System.nanoTime();
        CompletableFuture<Listing> round;
        long sendAt = 0;
        boolean lead;
        synchronized (this) {
            lead = pending == null;
            if (lead) {
                pending = new CompletableFuture<>();
                sendAt = sentBefore ? lastSentAt + spacingNanos : start;
            }
            round = pending;
        }
        if (lead) {
            send(round, sendAt, timeoutMillis);
        }
        long left = timeoutMillis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        return KafkaWait.await(round, Math.max(0, left));
    }

    /**
     * Drops a name that a describe question sent at {@code askedAt} found missing (deleted since it was listed), so
     * that requests for it are answered by the list rather than each by a describe question; a listing asked later
     * than that question knows better and is left as it is.
     */
    synchronized void gone(String topic, long askedAt) {
        Listing current = latest;
        if (current.askedAt() <= askedAt && current.contains(topic)) {
            latest = current.without(topic);
        }
    }

    private void send(CompletableFuture<Listing> round, long sendAt, long timeoutMillis) {
        // The round's other callers depend on this thread: it sends even if its own caller gave up (an interrupt only
        // cuts the spacing short), and the wait is bounded by the spacing.
        long wait;
        while ((wait = sendAt - System.nanoTime()) > 0 && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(this, wait);
        }
        long askedAt;
        synchronized (this) {
            pending = null;
            askedAt = System.nanoTime();
            lastSentAt = askedAt;
            sentBefore = true;
        }
        try {
            admin.get().listTopics(new ListTopicsOptions().listInternal(true).timeoutMs((int) timeoutMillis))
                    .namesToListings().whenComplete((listings, failure) -> {
                        if (failure != null) {
                            round.completeExceptionally(StreamProblem.kafkaUnavailable(failure));
                        } else {
                            round.complete(keep(listings, askedAt));
                        }
                    });
        } catch (RuntimeException | Error e) {
            // An Error too: its round's callers would otherwise wait their whole timeout for an answer never coming.
            round.completeExceptionally(e);
        }
    }

    private synchronized Listing keep(Map<String, TopicListing> listings, long askedAt) {
        Set<String> internal = listings.values().stream().filter(TopicListing::isInternal).map(TopicListing::name)
                .collect(Collectors.toUnmodifiableSet());
        Listing listing = new Listing(Set.copyOf(listings.keySet()), internal, askedAt);
        if (latest.askedAt() < askedAt) {
            latest = listing;
        }
        return listing;
    }
}
