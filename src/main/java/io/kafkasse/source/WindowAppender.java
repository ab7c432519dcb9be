package io.kafkasse.source;

import java.util.Optional;

import jakarta.json.Json;
import jakarta.json.JsonValue;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.kafkasse.frame.DirectEncoder;
import io.kafkasse.frame.JsonText;
import io.kafkasse.frame.RecordDecoder;
import io.kafkasse.sink.EncodedData;

/**
 * Turns a polled record into the entry a window holds: decoded and encoded once, for every client that reads it. The
 * live feeds and the history readers build their entries here, so both kinds of window hold the same thing. Most
 * records' data is written straight from their bytes ({@link DirectEncoder}); their JSON tree is built only
 * if a client's filter reads it.
 * <p>
 * A record larger than {@code sse.max-record-bytes} (key, value and headers as stored) is never decoded: its entry is
 * a small notice that clients receive as a {@code skipped} event with the record's place, size and the bound, so that
 * they know what they did not get and resume past it. Its key, value and headers are dropped at once.
 */
final class WindowAppender {

    static final String TOO_LARGE = "record-too-large";

    private final RecordDecoder decoder;
    /** Held, not reached through the decoder bean per record (see {@link RecordDecoder#directEncoder}); may be null. */
    private final DirectEncoder direct;
    private final boolean keepRawValues;
    private final int maxRecordBytes;

    /**
     * @param keepRawValues  whether entries keep the records' raw values (filter beans may read them)
     * @param maxRecordBytes the largest record decoded; larger ones become notices
     */
    WindowAppender(RecordDecoder decoder, boolean keepRawValues, int maxRecordBytes) {
        this.decoder = decoder;
        this.direct = decoder.directEncoder();
        this.keepRawValues = keepRawValues;
        this.maxRecordBytes = maxRecordBytes;
    }

    /** The entry for the record, numbered as the window's next one. Poll thread of the window only. */
    WindowEntry entry(PartitionWindow window, ConsumerRecord<byte[], byte[]> record) {
        long size = sizeOf(record);
        if (size > maxRecordBytes) {
            return WindowEntry.notice(window.head(), bare(record), new EncodedData(tooLarge(record, size)));
        }
        ConsumerRecord<byte[], byte[]> kept = keepRawValues ? record : withoutValue(record);
        EncodedData data = direct == null ? null : direct.encoded(record);
        if (data != null) {
            return WindowEntry.of(window.head(), kept, null, data); // a filter that reads the tree parses it then
        }
        Optional<JsonValue> value = decoder.decode(record);
        return WindowEntry.of(window.head(), kept, value.orElse(null),
                value.map(json -> new EncodedData(JsonText.of(json))).orElse(null));
    }

    /** The record's size as Kafka stores it: key, value, and each header's name and value. */
    static long sizeOf(ConsumerRecord<byte[], byte[]> record) {
        long size = Math.max(0, record.serializedKeySize()) + Math.max(0, record.serializedValueSize());
        if (record.key() != null && record.serializedKeySize() < 0) {
            size += record.key().length; // built by hand (tests) rather than polled
        }
        if (record.value() != null && record.serializedValueSize() < 0) {
            size += record.value().length;
        }
        return size + headerBytes(record);
    }

    static long headerBytes(ConsumerRecord<?, ?> record) {
        long bytes = 0;
        for (Header header : record.headers()) {
            bytes += header.key().length() + (header.value() == null ? 0 : header.value().length);
        }
        return bytes;
    }

    private String tooLarge(ConsumerRecord<byte[], byte[]> record, long size) {
        return Json.createObjectBuilder()
                .add("reason", TOO_LARGE)
                .add("topic", record.topic())
                .add("partition", record.partition())
                .add("offset", record.offset())
                .add("timestamp", record.timestamp())
                .add("size", size)
                .add("limit", maxRecordBytes)
                .build().toString();
    }

    private static ConsumerRecord<byte[], byte[]> withoutValue(ConsumerRecord<byte[], byte[]> record) {
        return new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.timestamp(),
                record.timestampType(), record.serializedKeySize(), record.serializedValueSize(), record.key(), null,
                record.headers(), record.leaderEpoch());
    }

    /** Its place and time only: nothing of a record too large stays in memory. */
    private static ConsumerRecord<byte[], byte[]> bare(ConsumerRecord<byte[], byte[]> record) {
        return new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.timestamp(),
                record.timestampType(), -1, -1, null, null, new RecordHeaders(), record.leaderEpoch());
    }
}
