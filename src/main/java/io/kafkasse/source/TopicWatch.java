package io.kafkasse.source;

import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.kafkasse.error.StreamProblem;

/**
 * Notices a topic deleted (or whose partitions changed) while it is fed: asks the cluster, without blocking, for the
 * partition counts of the topics being fed, and fails those that are gone or changed, which ends their clients'
 * streams with an {@code error} event at their last id. One question at a time; an outage is never a deletion.
 *
 * <p>Ordering rule: the answer is acted on by the NEXT {@link #check()}, on the caller's (managed) thread, never in the
 * future's callback. The callback runs on the Kafka admin client's own thread, and failing a topic wakes its clients'
 * drains, which a stream whose writes block hands to the managed executor: Payara Micro took such tasks from an
 * unmanaged thread and never ran them, and those streams froze with their places held (no error event, no heartbeat).
 * A deletion is so noticed within two check periods.
 */
final class TopicWatch {

    private static final Logger LOG = Logger.getLogger(TopicWatch.class.getName());

    private final Feeds feeds;
    private final TopicCatalog catalog;
    /** The question in flight and the topics it asked about; only the checking thread touches them. */
    private CompletableFuture<Map<String, Integer>> pending;
    private Map<String, Integer> asked;

    TopicWatch(Feeds feeds, TopicCatalog catalog) {
        this.feeds = feeds;
        this.catalog = catalog;
    }

    /** Acts on the last question's answer if it came, then asks again. Called periodically, one call at a time. */
    void check() {
        if (pending != null) {
            if (!pending.isDone()) {
                return;
            }
            CompletableFuture<Map<String, Integer>> answered = pending;
            pending = null;
            try {
                act(asked, answered.join());
            } catch (CompletionException | CancellationException e) {
                LOG.log(Level.FINE, "Checking the topics being fed failed", e);
            }
        }
        Map<String, Integer> fed = feeds.topics();
        if (fed.isEmpty()) {
            return;
        }
        try {
            asked = fed;
            pending = catalog.partitionCounts(fed.keySet());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Checking the topics being fed failed", e);
        }
    }

    private void act(Map<String, Integer> fed, Map<String, Integer> counts) {
        counts.forEach((topic, partitions) -> {
            Integer feeding = fed.get(topic);
            if (partitions == 0) {
                feeds.fail(topic, StreamProblem.topicGone(topic));
            } else if (feeding != null && !feeding.equals(partitions)) {
                feeds.fail(topic, new TopicChanged(topic, partitions));
            }
        });
    }
}
