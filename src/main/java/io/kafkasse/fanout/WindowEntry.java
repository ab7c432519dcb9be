package io.kafkasse.fanout;

import jakarta.json.JsonValue;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.kafkasse.sink.EncodedData;

/**
 * One record in a partition's window, decoded and encoded once for every client that reads it.
 *
 * @param seq   its place in the window's sequence, which tells a reader whether the slot still holds it
 * @param value the decoded value for filters, or {@code null} when the record is skipped (clients only move past it)
 * @param data  the event data sent to clients, or {@code null} when the record is skipped
 */
record WindowEntry(long seq, ConsumerRecord<byte[], byte[]> record, JsonValue value, EncodedData data) {

    long offset() {
        return record.offset();
    }

    long timestamp() {
        return record.timestamp();
    }

    boolean isSkipped() {
        return data == null;
    }
}
