package io.kafkasse.source;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.kafkasse.error.StreamProblem;

/**
 * One topic being fed: a window per partition, the offsets that were the topic's end when it opened (where a live
 * client starts while the feed still pre-fills the windows from older records), and the clients reading it. Opened
 * by its first client and closed by its last ({@link Feeds} counts the leases).
 */
public final class TopicWindows {

    private final String topic;
    private final Map<Integer, PartitionWindow> windows;
    private final Map<Integer, Long> endsAtOpen;
    private final Set<WindowReader> readers = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> positioned = new CompletableFuture<>();
    private volatile StreamProblem failure;
    /** Guarded by {@link Feeds}. */
    int leases;

    TopicWindows(String topic, Map<Integer, PartitionWindow> windows, Map<Integer, Long> endsAtOpen) {
        this.topic = topic;
        this.windows = Map.copyOf(windows);
        this.endsAtOpen = Map.copyOf(endsAtOpen);
    }

    public String topic() {
        return topic;
    }

    public int partitions() {
        return windows.size();
    }

    public PartitionWindow window(int partition) {
        return windows.get(partition);
    }

    Map<Integer, PartitionWindow> windows() {
        return windows;
    }

    /** Where a client that asks for live records starts: the end when the topic opened, or where the feed is, if later. */
    public long liveEnd(int partition) {
        return Math.max(endsAtOpen.get(partition), windows.get(partition).nextOffset());
    }

    /** Null while the topic is served; else why it is not, which ends its readers' streams. */
    public StreamProblem failure() {
        return failure;
    }

    public boolean isServing() {
        return failure == null;
    }

    public void join(WindowReader reader) {
        readers.add(reader);
    }

    public void leave(WindowReader reader) {
        readers.remove(reader);
    }

    public int readers() {
        return readers.size();
    }

    void signalReaders() {
        readers.forEach(WindowReader::signal);
    }

    /** The feed assigned and positioned the partitions: records start arriving. */
    void positioned() {
        positioned.complete(null);
    }

    /** The topic can no longer be fed: every reader's next read ends its stream with this problem. */
    void fail(StreamProblem problem) {
        if (failure == null) {
            failure = problem;
        }
        positioned.completeExceptionally(problem);
        signalReaders();
    }

    /** Waits, with no lock held, until the feed has positioned the topic; the failure if it could not. */
    void awaitPositioned(long timeoutMillis) {
        KafkaWait.await(positioned, timeoutMillis);
    }
}
