package io.kafkasse.observe;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One stream request, from the moment it arrives until it ends, served or refused: it counts what was sent, feeds the
 * metrics, and writes one log line when the stream starts and one when the request ends (logger
 * {@code io.kafkasse.connections}, so that an operator can turn them off or route them elsewhere).
 * <p>
 * Threads: {@link #sent} and {@link #filtered} are called by whichever thread drains the stream, one at a time (the
 * stream's busy flag hands them over); {@link #closed} may come from any thread, once.
 */
public final class Connection {

    /** The servlet request attribute that holds a stream request's connection. */
    public static final String ATTRIBUTE = Connection.class.getName();

    private static final int MAX_LOGGED_AGENT = 200;

    private final ServiceMetrics metrics;
    private final ConnectionLog log;
    private final String requestId;
    private final String client;
    private final String userAgent;
    private final long arrived = System.nanoTime();
    private final long arrivedAt = System.currentTimeMillis();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile List<String> streams = List.of();
    private volatile Map<String, String> streamOfTopic = Map.of();
    /** Drain threads only (one at a time): filled as topics deliver. */
    private final Map<String, ServiceMetrics.StreamMeters> metersOfTopic = new HashMap<>();
    /** The topic of the last event sent and its meters (null: none), for {@link #sent}; read and written by drains only. */
    private String lastTopic;
    private ServiceMetrics.StreamMeters lastMeters;
    private volatile Runnable release = () -> { };
    private volatile Runnable prober = () -> { };
    /** The name in the token the stream was authorized with; null for a public stream. */
    private volatile String caller;
    private volatile long events;
    private volatile long bytes;

    /**
     * @param client    who the client is for the limits and the logs: its address, or the trusted proxy header's value
     * @param userAgent as sent, or null
     */
    public Connection(ServiceMetrics metrics, ConnectionLog log, String requestId, String client, String userAgent) {
        this.metrics = metrics;
        this.log = log;
        this.requestId = requestId;
        this.client = client;
        this.userAgent = userAgent;
        metrics.opened();
    }

    /** A connection whose lines are written at once ({@link ConnectionLog#DIRECT}): for tests and tools. */
    public Connection(ServiceMetrics metrics, String requestId, String client, String userAgent) {
        this(metrics, ConnectionLog.DIRECT, requestId, client, userAgent);
    }

    /** A connection counted nowhere but in a registry of its own: for tests and tools outside a container. */
    public static Connection unobserved() {
        return new Connection(new ServiceMetrics(), RequestIds.accept(null), "local", null);
    }

    public String requestId() {
        return requestId;
    }

    public String client() {
        return client;
    }

    /** The client's User-Agent as sent (may be null): for display, never a log line or an identifier as is. */
    public String userAgent() {
        return userAgent;
    }

    /** When the request arrived (epoch ms). */
    public long arrivedAt() {
        return arrivedAt;
    }

    public long events() {
        return events;
    }

    public long bytes() {
        return bytes;
    }

    /** The streams requested, once they are known to be served (names from the request, checked against the config). */
    public List<String> streams() {
        return streams;
    }

    /**
     * The streams the request names, once they are known to be served, and the stream each topic is counted under
     * (the first requested that holds it).
     */
    public void serves(List<String> names, Map<String, String> streamOfTopic) {
        this.streamOfTopic = Map.copyOf(streamOfTopic);
        streams = List.copyOf(names);
    }

    /** The stream was authorized with a token: its caller's name (bounded and printable: the verifier made it so). */
    public void identifiedAs(String name) {
        caller = name;
    }

    /** The token's name the stream was authorized with, or null for a public stream. */
    public String caller() {
        return caller;
    }

    /** Runs once when the request ends (a connection limit's slot is given back). */
    public void onClose(Runnable action) {
        release = action;
    }

    /** What makes this connection's stream write to its client at once (its {@code ClientStream}). */
    public void probeWith(Runnable action) {
        prober = action;
    }

    /**
     * Writes to the client now, heartbeat or not: a client that left is found out when such a write fails, and its
     * stream ends, instead of at the next heartbeat. Any thread; never blocks.
     */
    public void probe() {
        prober.run();
    }

    /** The stream started: the response is committed from here on. */
    public void started() {
        if (!log.enabled()) {
            return;
        }
        log.line("stream opened id=" + requestId + " client=" + client + " streams=" + String.join(",", streams)
                + (caller == null ? "" : " caller=" + quoted(caller)) + " agent=" + quoted(userAgent));
    }

    /**
     * An event was written. Caller: the stream's drain.
     *
     * @param timestamp the record's timestamp (epoch ms)
     * @param now       the drain's clock (epoch ms), read once per drain
     */
    public void sent(String topic, int eventBytes, long timestamp, long now) {
        events++;
        bytes += eventBytes;
        // Meters are made on a stream's first event, never when it is asked for: a request for a name that turns out
        // not to exist must not leave meters behind (clients could grow the registry without bound).
        // Most streams read one topic: its meters are looked up once, not per event (the topic's string is the same
        // instance for every record of a partition, so the identity check is the usual case).
        ServiceMetrics.StreamMeters meters;
        if (topic == lastTopic || topic.equals(lastTopic)) {
            meters = lastMeters;
        } else {
            meters = metersOfTopic.computeIfAbsent(topic, t -> {
                String stream = streamOfTopic.get(t);
                return stream == null ? null : metrics.stream(stream);
            });
            lastTopic = topic;
            lastMeters = meters;
        }
        if (meters != null) {
            meters.events().increment();
            meters.bytes().increment(eventBytes);
            if (timestamp > 0) {
                meters.latency().record(Math.max(0, now - timestamp), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** A record the client's filter left out. */
    public void filtered(String topic) {
        metrics.skipped(topic, "filtered");
    }

    /** The client got a history reader after waiting for one, or gave up waiting. */
    public void waitedForHistory(long nanos) {
        metrics.waitedForHistory(nanos);
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** The request ended; only the first call counts. */
    public void closed(CloseReason reason) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            release.run();
        } finally {
            metrics.closed(reason);
            // No lambda here: this runs in the drain at exit, when a server may no longer load classes for the WAR.
            if (log.enabled()) {
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - arrived);
                log.line("stream closed id=" + requestId + " client=" + client
                        + " streams=" + (streams.isEmpty() ? "-" : String.join(",", streams))
                        + " duration=" + millis / 1000 + "." + (millis % 1000 + 1000 + "").substring(1) + "s"
                        + " events=" + events + " bytes=" + bytes + " reason=" + reason.label());
            }
        }
    }

    /** A client-supplied text made safe for one log line: quoted, without control characters, bounded. */
    static String quoted(String text) {
        if (text == null) {
            return "-";
        }
        StringBuilder safe = new StringBuilder(Math.min(text.length(), MAX_LOGGED_AGENT) + 2).append('"');
        for (int i = 0; i < text.length() && i < MAX_LOGGED_AGENT; i++) {
            char c = text.charAt(i);
            safe.append(c < 0x20 || c == 0x7f || c == '"' || c == '\\' ? '_' : c);
        }
        return safe.append('"').toString();
    }
}
