package io.kafkasse.filter;

import jakarta.json.JsonValue;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decides whether a record goes to the client. The filter a client asks for in the query string is one
 * ({@link ClientFilters#fromQuery}); a CDI bean implementing this interface in the deployment is another, and applies
 * to every stream.
 * <p>
 * A filter is called on the stream's thread for every record read, so it should be quick; a bean is shared by all
 * streams at once, so it must be thread-safe. A filter that throws ends the stream with an {@code error} event.
 */
@FunctionalInterface
public interface RecordFilter {

    /**
     * @param record the record as read from Kafka
     * @param value  the record's value decoded as JSON, or {@code null} for a tombstone or a value that is not JSON
     * @return whether the record is sent to the client
     */
    boolean accept(ConsumerRecord<byte[], byte[]> record, JsonValue value);

    /**
     * Whether {@link #accept} reads {@code value}. Most records are sent without ever being parsed into a tree; a
     * filter that answers false (it reads only the record: its key, headers, place) is passed {@code null} instead,
     * and spares the stream that parse. The default is true.
     */
    default boolean readsValue() {
        return true;
    }
}
