package io.kafkasse.request;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.kafkasse.config.ConnectionLimits;
import io.kafkasse.config.ServiceConfig;
import io.kafkasse.error.StreamProblem;
import io.kafkasse.observe.Connection;

/**
 * The connection limits ({@code sse.limits.*}): a stream request takes a place for its client, in the server and in
 * each stream it names before anything is opened for it, and gives them back when it ends, however it ends. Each
 * count is taken and checked in one atomic step, so that a storm of requests never overshoots a limit.
 */
@ApplicationScoped
public class Admission {

    @Inject
    ServiceConfig config;

    private final Map<String, Integer> perClient = new ConcurrentHashMap<>();
    private final Map<String, Integer> perStream = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    /** Limits given directly (tests, tools); null in the container, where they are the configuration's. */
    private final ConnectionLimits given;

    public Admission() {
        this(null);
    }

    Admission(ConnectionLimits limits) {
        this.given = limits;
    }

    /**
     * Takes the connection's places, or throws the answer to give: 429 for a client over its own limit (first: it is
     * the client's own doing), else the retryable limit problem. Places already taken are given back on a refusal.
     */
    public void admit(Connection connection, List<String> streams) {
        ConnectionLimits limits = given != null ? given : config.limits();
        if (!limits.any()) {
            return;
        }
        List<Runnable> taken = new ArrayList<>();
        try {
            if (limits.perClient() > 0) {
                taken.add(take(perClient, connection.client(), limits.perClient(),
                        () -> StreamProblem.tooManyConnections(limits.perClient())));
            }
            if (limits.total() > 0) {
                taken.add(takeTotal(limits.total()));
            }
            if (limits.perStream() > 0) {
                for (String stream : new LinkedHashSet<>(streams)) {
                    taken.add(take(perStream, stream, limits.perStream(),
                            () -> StreamProblem.overLimit("Stream '" + stream + "'", limits.perStream())));
                }
            }
        } catch (StreamProblem refused) {
            taken.forEach(Runnable::run);
            throw refused;
        }
        connection.onClose(() -> taken.forEach(Runnable::run));
    }

    /** Streams open for this client, as the limit counts them. */
    public int openFor(String client) {
        return perClient.getOrDefault(client, 0);
    }

    private static Runnable take(Map<String, Integer> counts, String key, int limit, Supplier<StreamProblem> over) {
        boolean[] granted = new boolean[1];
        counts.compute(key, (k, open) -> {
            int now = open == null ? 0 : open;
            granted[0] = now < limit;
            return granted[0] ? now + 1 : open;
        });
        if (!granted[0]) {
            throw over.get();
        }
        // An entry is removed when its count reaches zero: client addresses must not pile up.
        return () -> counts.computeIfPresent(key, (k, open) -> open <= 1 ? null : open - 1);
    }

    private Runnable takeTotal(int limit) {
        int now;
        do {
            now = total.get();
            if (now >= limit) {
                throw StreamProblem.overLimit("The server", limit);
            }
        } while (!total.compareAndSet(now, now + 1));
        return total::decrementAndGet;
    }
}
