package io.kafkasse.request;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.annotation.PostConstruct;
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
 * <p>
 * The per-client limit counts only streams whose client is still there. A client that closed its streams (a browser
 * reloading its page) is otherwise noticed only when a heartbeat to it fails, seconds later, and its new streams
 * would be turned away meanwhile, for good in a browser, whose EventSource never retries a 429. So a request over
 * the limit first has the client's streams write to it at once ({@link Connection#probe}), twice (the first write to
 * a closed socket is accepted, the reset it provokes fails the next), and waits up to {@link #PROBE_WAIT_MILLIS} for
 * them to end. At most {@link #MAX_PROBING} requests wait so at once, and at most the limit's number per client, so
 * that a client over its limit on purpose holds few request threads, briefly.
 */
@ApplicationScoped
public class Admission {

    @Inject
    ServiceConfig config;

    /** How long a request over its client's limit waits for streams of the client that left to be found out. */
    static final long PROBE_WAIT_MILLIS = 600;
    /** Requests that may wait so at once, over all clients. */
    static final int MAX_PROBING = 32;

    /** The connections of each client with streams open: an entry is removed with its last connection. */
    private final Map<String, Set<Connection>> perClient = new ConcurrentHashMap<>();
    /** Requests waiting on a probe, per client; bounded by {@link #MAX_PROBING} entries. */
    private final Map<String, Integer> probing = new ConcurrentHashMap<>();
    private final Semaphore probeSlots = new Semaphore(MAX_PROBING);
    private final Map<String, Integer> perStream = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    /** Limits given directly (tests, tools); null in the container, where they are the configuration's. */
    private final ConnectionLimits given;
    /** The pace of stream opens ({@code sse.limits.opens-per-second}); null when it has none. */
    private OpenRate rate;

    public Admission() {
        this.given = null;
    }

    Admission(ConnectionLimits limits) {
        this.given = limits;
        this.rate = rateOf(limits);
    }

    @PostConstruct
    void init() {
        rate = rateOf(config.limits());
    }

    private static OpenRate rateOf(ConnectionLimits limits) {
        return limits.opensPerSecond() > 0 ? new OpenRate(limits.opensPerSecond(), System.nanoTime()) : null;
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
                taken.add(takeForClient(connection, limits.perClient()));
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
            // Ordering rule: the rate is asked last, so that a request another limit refuses costs none of it (and a
            // client over its own limit still hears 429); the places taken above are given back when it refuses.
            if (rate != null && !rate.tryTake(System.nanoTime())) {
                throw StreamProblem.tooManyOpens(limits.opensPerSecond());
            }
        } catch (StreamProblem refused) {
            taken.forEach(Runnable::run);
            throw refused;
        }
        connection.onClose(() -> taken.forEach(Runnable::run));
    }

    /** Streams open for this client, as the limit counts them. */
    public int openFor(String client) {
        return theConnectionsOf(client).size();
    }

    /** A place for the connection's client, after probing the client's streams when it has none left. */
    private Runnable takeForClient(Connection connection, int limit) {
        String client = connection.client();
        if (tryTakeForClient(connection, limit) || probedUntilTaken(connection, limit)) {
            // An entry is removed with its last connection: client addresses must not pile up.
            return () -> perClient.computeIfPresent(client, (k, open) -> {
                open.remove(connection);
                return open.isEmpty() ? null : open;
            });
        }
        throw StreamProblem.tooManyConnections(limit);
    }

    private boolean tryTakeForClient(Connection connection, int limit) {
        boolean[] granted = new boolean[1];
        perClient.compute(connection.client(), (k, open) -> {
            Set<Connection> now = open == null ? new HashSet<>() : open;
            granted[0] = now.size() < limit;
            if (granted[0]) {
                now.add(connection);
            }
            return now.isEmpty() ? null : now;
        });
        return granted[0];
    }

    /** Probes the client's streams and retries until it gets a place or the wait is over; false when it never did. */
    private boolean probedUntilTaken(Connection connection, int limit) {
        String client = connection.client();
        if (!probeSlots.tryAcquire()) {
            return false;
        }
        boolean mine = false;
        try {
            mine = startProbing(client, limit);
            if (!mine) {
                return false;
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PROBE_WAIT_MILLIS);
            long pause = 20;
            while (System.nanoTime() < deadline) {
                theConnectionsOf(client).forEach(Connection::probe);
                Thread.sleep(pause);
                if (tryTakeForClient(connection, limit)) {
                    return true;
                }
                pause = Math.min(100, pause * 2);
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            if (mine) {
                probing.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
            }
            probeSlots.release();
        }
    }

    private boolean startProbing(String client, int limit) {
        boolean[] started = new boolean[1];
        probing.compute(client, (k, n) -> {
            int now = n == null ? 0 : n;
            started[0] = now < limit;
            return started[0] ? now + 1 : n;
        });
        return started[0];
    }

    /** A copy of the client's connections, taken atomically with the map's other changes to its entry. */
    private List<Connection> theConnectionsOf(String client) {
        List<Connection> copy = new ArrayList<>();
        perClient.computeIfPresent(client, (k, open) -> {
            copy.addAll(open);
            return open;
        });
        return copy;
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
