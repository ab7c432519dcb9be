package io.kafkasse.error;

import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * A failure a client can understand, in the shape of RFC 9457 problem details. It is answered as an
 * {@code application/problem+json} body before a stream starts and as the data of an {@code error} event after.
 * The detail never carries stack traces or broker addresses.
 */
public class StreamProblem extends RuntimeException {

    /** The type of the problem that ends a stream whose client does not keep up. */
    public static final String TOO_SLOW = "client-too-slow";

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;
    private final String title;
    private final transient Map<String, String> fields;

    public StreamProblem(int status, String type, String title, String detail, Map<String, String> fields) {
        this(status, type, title, detail, fields, null);
    }

    public StreamProblem(int status, String type, String title, String detail, Map<String, String> fields, Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.type = type;
        this.title = title;
        this.fields = Map.copyOf(fields);
    }

    public static StreamProblem unknownTopic(String topic) {
        return new StreamProblem(404, "unknown-topic", "Unknown topic",
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
        return new StreamProblem(503, "kafka-unavailable", "Kafka unavailable",
                "Kafka did not answer in time; try again later", Map.of(), cause);
    }

    public static StreamProblem overloaded(Throwable cause) {
        return new StreamProblem(503, "server-busy", "Server busy",
                "The server cannot start another stream now; try again later", Map.of(), cause);
    }

    public static StreamProblem tooSlow(int windowRecords) {
        return new StreamProblem(503, TOO_SLOW, "Client too slow",
                "The client fell more than " + windowRecords + " records of a partition behind the live stream; "
                        + "reconnect with the id of this event to resume where it stopped", Map.of());
    }

    public static StreamProblem tooSlowToSend(int maxUnsentBytes) {
        return new StreamProblem(503, TOO_SLOW, "Client too slow",
                "More than " + maxUnsentBytes + " bytes of events waited for the client to read them; "
                        + "reconnect with the id of this event to resume where it stopped", Map.of());
    }

    public static StreamProblem shuttingDown() {
        return new StreamProblem(503, "shutting-down", "Shutting down",
                "The server is shutting down; reconnect with the id of this event to resume where it stopped", Map.of());
    }

    public static StreamProblem topicGone(String topic) {
        return new StreamProblem(404, "topic-deleted", "Topic deleted",
                "Topic '" + topic + "' was deleted while it was being read", Map.of("topic", topic));
    }

    public static StreamProblem topicChanged(String topic) {
        return new StreamProblem(503, "topic-changed", "Topic changed",
                "The partitions of topic '" + topic + "' changed; reconnect with the id of this event to resume", Map.of("topic", topic));
    }

    public static StreamProblem internal(Throwable cause) {
        return new StreamProblem(500, "internal-error", "Internal error",
                "The stream failed on the server; the error was logged", Map.of(), cause);
    }

    /** The short type, as in {@code urn:kafka-sse:problem:<type>}. */
    public String type() {
        return type;
    }

    public int status() {
        return status;
    }

    public JsonObject toJson() {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("type", "urn:kafka-sse:problem:" + type)
                .add("title", title)
                .add("status", status)
                .add("detail", getMessage());
        fields.forEach(json::add);
        return json.build();
    }
}
