package io.kafkasse.source;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.kafkasse.error.StreamProblem;

/**
 * Notices a topic deleted (or whose partitions changed) while it is fed: asks the cluster, without blocking, for the
 * partition counts of the topics being fed, and fails those that are gone or changed, which ends their clients'
 * streams with an {@code error} event at their last id. One question at a time; an outage is never a deletion.
 */
final class TopicWatch {

    private static final Logger LOG = Logger.getLogger(TopicWatch.class.getName());

    private final Feeds feeds;
    private final TopicCatalog catalog;
    private final AtomicBoolean asking = new AtomicBoolean();

    TopicWatch(Feeds feeds, TopicCatalog catalog) {
        this.feeds = feeds;
        this.catalog = catalog;
    }

    void check() {
        Map<String, Integer> fed = feeds.topics();
        if (fed.isEmpty() || !asking.compareAndSet(false, true)) {
            return;
        }
        try {
            catalog.partitionCounts(fed.keySet()).whenComplete((counts, failure) -> {
                asking.set(false);
                if (failure != null) {
                    LOG.log(Level.FINE, "Checking the topics being fed failed", failure);
                    return;
                }
                counts.forEach((topic, partitions) -> {
                    Integer feeding = fed.get(topic);
                    if (partitions == 0) {
                        feeds.fail(topic, StreamProblem.topicGone(topic));
                    } else if (feeding != null && !feeding.equals(partitions)) {
                        feeds.fail(topic, StreamProblem.topicChanged(topic));
                    }
                });
            });
        } catch (RuntimeException e) {
            asking.set(false);
            LOG.log(Level.FINE, "Checking the topics being fed failed", e);
        }
    }
}
