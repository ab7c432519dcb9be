package io.kafkasse.source;

import java.util.Optional;

import jakarta.json.JsonValue;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.kafkasse.frame.JsonText;
import io.kafkasse.frame.RecordDecoder;
import io.kafkasse.sink.EncodedData;

/**
 * Turns a polled record into the entry a window holds: decoded and encoded once, for every client that reads it. The
 * live feeds and the history readers build their entries here, so both kinds of window hold the same thing.
 */
final class WindowAppender {

    private final RecordDecoder decoder;
    private final boolean keepRawValues;

    /** @param keepRawValues whether entries keep the records' raw values (filter beans may read them) */
    WindowAppender(RecordDecoder decoder, boolean keepRawValues) {
        this.decoder = decoder;
        this.keepRawValues = keepRawValues;
    }

    /** The entry for the record, numbered as the window's next one. Poll thread of the window only. */
    WindowEntry entry(PartitionWindow window, ConsumerRecord<byte[], byte[]> record) {
        Optional<JsonValue> value = decoder.decode(record);
        EncodedData data = value.map(json -> new EncodedData(JsonText.of(json))).orElse(null);
        return WindowEntry.of(window.head(), keepRawValues ? record : withoutValue(record), value.orElse(null), data);
    }

    private static ConsumerRecord<byte[], byte[]> withoutValue(ConsumerRecord<byte[], byte[]> record) {
        return new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.timestamp(),
                record.timestampType(), record.serializedKeySize(), record.serializedValueSize(), record.key(), null,
                record.headers(), record.leaderEpoch());
    }
}
