package io.kafkasse.error;

import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import io.kafkasse.observe.CloseReason;

/**
 * A failure a client can understand, in the shape of RFC 9457 problem details. It is answered as an
 * {@code application/problem+json} body before a stream starts and as the data of an {@code error} event after.
 * The detail never carries stack traces or broker addresses.
 * <p>
 * A problem is <em>retryable</em> when it comes from the state of the server or of Kafka, not from the request: the
 * same request may succeed a little later. The JSON says so in an extension member, {@code "retryable"}, so that a
 * client can tell a server that is busy from a request that will never be served.
 */
public class StreamProblem extends RuntimeException {

    /** The type of the problem that ends a stream whose client does not keep up. */
    public static final String TOO_SLOW = "client-too-slow";
    /** The type of the problem that turns clients away while the server drains before it stops. */
    public static final String SHUTTING_DOWN = "shutting-down";
    /** The type of the problem that turns clients away when the server or a stream has all the clients it may take. */
    public static final String CONNECTION_LIMIT = "connection-limit";
    /** The type of the answer to a client that has all the streams open it may have: 429. */
    public static final String TOO_MANY_CONNECTIONS = "too-many-connections";
    /** The type of the answer to a topic that Kafka does not have (or a Last-Event-ID topic outside the request). */
    public static final String UNKNOWN_TOPIC = "unknown-topic";
    /** The type of the problem that ends a stream when the token it was opened with expires. */
    public static final String TOKEN_EXPIRED = "token-expired";
    private static final String SERVER_BUSY = "server-busy";

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;
    private final String title;
    private final transient Map<String, String> fields;
    private final boolean retryable;

    public StreamProblem(int status, String type, String title, String detail, Map<String, String> fields) {
        this(status, type, title, detail, fields, null);
    }

    public StreamProblem(int status, String type, String title, String detail, Map<String, String> fields, Throwable cause) {
        this(status, type, title, detail, fields, cause, false);
    }

    /** A problem the client should retry (with the id of the error event that carries it), for subclasses. */
    protected StreamProblem(int status, String type, String title, String detail, Map<String, String> fields, boolean retryable) {
        this(status, type, title, detail, fields, null, retryable);
    }

    private StreamProblem(int status, String type, String title, String detail, Map<String, String> fields, Throwable cause,
                          boolean retryable) {
        super(detail, cause);
        this.status = status;
        this.type = type;
        this.title = title;
        this.fields = Map.copyOf(fields);
        this.retryable = retryable;
    }

    /** A 503 that passes: the server or Kafka is not ready for this request now, and may be in a few seconds. */
    private static StreamProblem transientFailure(String type, String title, String detail, Throwable cause) {
        return new StreamProblem(503, type, title, detail, Map.of(), cause, true);
    }

    public static StreamProblem unknownTopic(String topic) {
        return new StreamProblem(404, UNKNOWN_TOPIC, "Unknown topic",
                "Topic '" + topic + "' does not exist or is not served", Map.of("topic", topic));
    }

    public static StreamProblem unknownStream(String name) {
        return new StreamProblem(404, "unknown-stream", "Unknown stream",
                "No stream or allowed topic is named '" + name + "'; GET /v2/streams lists them", Map.of("stream", name));
    }

    public static StreamProblem topicNotInRequest(String topic) {
        return new StreamProblem(404, "unknown-topic", "Unknown topic",
                "Topic '" + topic + "' is not part of the requested streams", Map.of("topic", topic));
    }

    public static StreamProblem configuration(String detail) {
        return new StreamProblem(500, "configuration-error", "Configuration error", detail, Map.of());
    }

    public static StreamProblem badRequest(String type, String title, String detail, Map<String, String> fields) {
        return new StreamProblem(400, type, title, detail, fields);
    }

    public static StreamProblem kafkaUnavailable(Throwable cause) {
        return transientFailure("kafka-unavailable", "Kafka unavailable",
                "Kafka did not answer in time; try again later", cause);
    }

    public static StreamProblem overloaded(Throwable cause) {
        return transientFailure(SERVER_BUSY, "Server busy",
                "The server cannot start another stream now; try again later", cause);
    }

    /**
     * A client over {@code sse.limits.per-client}: 429, not retryable (the same client asking again gets the same
     * answer until one of its streams ends), with {@code Retry-After} all the same.
     */
    public static StreamProblem tooManyConnections(int limit) {
        return new StreamProblem(429, TOO_MANY_CONNECTIONS, "Too many connections",
                "This client has " + limit + " streams open, as many as one client may; close one or try again later",
                Map.of("limit", Integer.toString(limit)));
    }

    /**
     * The server ({@code sse.limits.total}) or a stream ({@code sse.limits.per-stream}) has all the clients it may take:
     * retryable, the same request succeeds once others have left.
     */
    public static StreamProblem overLimit(String what, int limit) {
        return new StreamProblem(503, CONNECTION_LIMIT, "Connection limit reached",
                what + " has " + limit + " clients, as many as it may; try again later", Map.of("limit", Integer.toString(limit)),
                null, true);
    }

    /**
     * More streams opened within the second than {@code sse.limits.opens-per-second} allows: retryable, the same
     * request is let in a moment later.
     */
    public static StreamProblem tooManyOpens(int perSecond) {
        return new StreamProblem(503, CONNECTION_LIMIT, "Connection limit reached",
                "The server opens at most " + perSecond + " streams a second; try again later",
                Map.of("limit", Integer.toString(perSecond)), null, true);
    }

    /** For a server that stops taking streams before it stops: its clients should come back (to it or to another). */
    public static StreamProblem shuttingDown() {
        return transientFailure(SHUTTING_DOWN, "Server shutting down",
                "The server is shutting down; reconnect to resume", null);
    }

    // Too slow is retryable: reconnecting with the event's id resumes where the client stopped.
    public static StreamProblem tooSlow(int windowRecords) {
        return transientFailure(TOO_SLOW, "Client too slow",
                "The client fell more than " + windowRecords + " records of a partition behind the live stream; "
                        + "reconnect with the id of this event to resume where it stopped", null);
    }

    public static StreamProblem tooSlowToSend(int maxUnsentBytes) {
        return transientFailure(TOO_SLOW, "Client too slow",
                "More than " + maxUnsentBytes + " bytes of events waited for the client to read them; "
                        + "reconnect with the id of this event to resume where it stopped", null);
    }

    public static StreamProblem topicGone(String topic) {
        return new StreamProblem(404, "topic-deleted", "Topic deleted",
                "Topic '" + topic + "' was deleted while it was being read", Map.of("topic", topic));
    }

    /**
     * The token a stream was opened with has expired: the stream ends with its id, so that the client reconnects with
     * a fresh token and that id and loses nothing. Not retryable: the same request, with the same token, is refused.
     */
    public static StreamProblem tokenExpired() {
        return new StreamProblem(401, TOKEN_EXPIRED, "Token expired",
                "The token this stream was opened with has expired; reconnect with a fresh token and the id of this event to resume",
                Map.of());
    }

    public static StreamProblem internal(Throwable cause) {
        return new StreamProblem(500, "internal-error", "Internal error",
                "The stream failed on the server; the error was logged", Map.of(), cause);
    }

    /** An extension member of the problem ({@code topic}, {@code limit}), or null. */
    public String field(String name) {
        return fields.get(name);
    }

    /** The short type, as in {@code urn:kafka-sse:problem:<type>}. */
    public String type() {
        return type;
    }

    public int status() {
        return status;
    }

    /** Whether the same request may succeed later: the cause is the server's or Kafka's state, not the request. */
    public boolean retryable() {
        return retryable;
    }

    /** Why a request that ended with this problem ended, for the metrics and the logs. */
    public CloseReason closeReason() {
        return switch (type) {
            case TOO_SLOW -> CloseReason.TOO_SLOW;
            case SHUTTING_DOWN -> CloseReason.DRAINED;
            case CONNECTION_LIMIT, TOO_MANY_CONNECTIONS -> CloseReason.LIMIT;
            case SERVER_BUSY -> CloseReason.OVERLOAD;
            case TOKEN_EXPIRED -> CloseReason.TOKEN_EXPIRED;
            default -> status >= 400 && status < 500 ? CloseReason.BAD_REQUEST : CloseReason.ERROR;
        };
    }

    /** Whether the answer carries {@code Retry-After}: a retryable problem, or a client over its limit (429). */
    public boolean saysWhenToRetry() {
        return retryable || status == 429;
    }

    public JsonObject toJson() {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("type", "urn:kafka-sse:problem:" + type)
                .add("title", title)
                .add("status", status)
                .add("detail", getMessage())
                .add("retryable", retryable);
        fields.forEach(json::add);
        return json.build();
    }
}
