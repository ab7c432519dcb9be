package io.kafkasse.filter;

import jakarta.json.JsonValue;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decides whether a record goes to the client. A CDI bean implementing this interface in the deployment applies to
 * every stream, before the client's own filter; a filter that throws ends the stream with an {@code error} event.
 */
@FunctionalInterface
public interface RecordFilter {

    RecordFilter ACCEPT_ALL = (record, value) -> true;

    /**
     * @param value the record's decoded JSON value, as the client would receive it
     */
    boolean accept(ConsumerRecord<byte[], byte[]> record, JsonValue value);
}
