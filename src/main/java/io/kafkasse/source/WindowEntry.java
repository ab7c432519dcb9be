package io.kafkasse.source;

import java.io.StringReader;
import java.lang.ref.SoftReference;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.kafkasse.sink.EncodedData;

/**
 * One record in a partition's window, decoded and encoded once for every client that reads it. What it holds is one
 * encoded copy of the value ({@link #data}); the record keeps its key and headers for filters, but its raw value only
 * when a filter bean of the deployment may read it. The decoded JSON tree is kept softly: filters use it while memory
 * allows, and it is parsed again from the encoded copy when the collector took it.
 *
 * @param seq    its place in the window's sequence, which tells a reader whether the slot still holds it
 * @param record the record, its value dropped unless filter beans need it
 * @param data   the event data sent to clients, or {@code null} when the record is skipped (clients only move past it)
 * @param notice whether the data is a notice that the record was skipped (too large), sent as a {@code skipped} event
 *               to every client whatever its filter, rather than the record
 * @param bytes  what the entry costs the window's byte bound: its data, and what it keeps of the record, headers
 *               included (computed once: the window's bound reads it at every append)
 */
public record WindowEntry(long seq, ConsumerRecord<byte[], byte[]> record, EncodedData data, Tree tree, boolean notice,
                          int bytes) {

    /** A fixed estimate of what an entry holds besides its data and key: the record, its slot, the tree's reference. */
    static final int OVERHEAD_BYTES = 160;

    static WindowEntry of(long seq, ConsumerRecord<byte[], byte[]> record, JsonValue value, EncodedData data) {
        return new WindowEntry(seq, record, data, new Tree(value), false, bytes(record, data));
    }

    /** In place of a record that is not sent: a notice that says so. */
    static WindowEntry notice(long seq, ConsumerRecord<byte[], byte[]> record, EncodedData notice) {
        return new WindowEntry(seq, record, notice, new Tree(null), true, bytes(record, notice));
    }

    public long offset() {
        return record.offset();
    }

    public long timestamp() {
        return record.timestamp();
    }

    public boolean isSkipped() {
        return data == null;
    }

    /** The decoded value for filters, or {@code null} for a skipped record or a notice. */
    public JsonValue value() {
        return data == null || notice ? null : tree.get(data);
    }

    private static int bytes(ConsumerRecord<byte[], byte[]> record, EncodedData data) {
        return (int) Math.min(Integer.MAX_VALUE, OVERHEAD_BYTES + (data == null ? 0 : (long) data.size())
                + (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length)
                + WindowAppender.headerBytes(record));
    }

    /** The decoded value, held softly and parsed again from the encoded data when it was collected. */
    static final class Tree {

        private volatile SoftReference<JsonValue> held;

        Tree(JsonValue value) {
            held = value == null ? null : new SoftReference<>(value);
        }

        JsonValue get(EncodedData data) {
            SoftReference<JsonValue> ref = held;
            JsonValue value = ref == null ? null : ref.get();
            if (value == null) {
                try (JsonReader reader = Json.createReader(new StringReader(data.text()))) {
                    value = reader.readValue();
                }
                held = new SoftReference<>(value);
            }
            return value;
        }
    }
}
