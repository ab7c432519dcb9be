package io.kafkasse.frame;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.kafkasse.sink.EncodedData;

/**
 * Writes a record's event data straight from its bytes, in JSON format: the value as {@link CompactJson} copies it,
 * with the {@code _kafka} member {@link JsonRecordDeserializer} adds written as bytes in the same order and form.
 * Thread-safe (it holds only its settings).
 */
public final class DirectEncoder {

    /** {@code ,"_kafka":} in UTF-8. */
    private static final byte[] KAFKA_MEMBER = (",\"" + JsonRecordDeserializer.METADATA + "\":").getBytes(StandardCharsets.UTF_8);

    private final int maxHeaderBytes;

    DirectEncoder(int maxHeaderBytes) {
        this.maxHeaderBytes = maxHeaderBytes;
    }

    /**
     * The record's event data, the same text {@link JsonText} writes for what
     * {@link JsonRecordDeserializer#deserialize} returns, without a tree; null when that text cannot be told from the
     * bytes alone ({@link CompactJson}) or the record is a tombstone: then the caller deserializes the record.
     */
    public EncodedData encoded(ConsumerRecord<byte[], byte[]> record) {
        byte[] value = record.value();
        if (value == null) {
            return null;
        }
        byte[] metadata = metadataText(record).getBytes(StandardCharsets.UTF_8);
        byte[] buffer = EncodedData.buffer(value.length + KAFKA_MEMBER.length + metadata.length);
        CompactJson.Copied copied = CompactJson.copy(value, buffer, EncodedData.TEXT_OFFSET);
        if (copied == null) {
            return null;
        }
        int end = copied.end();
        if (copied.object()) {
            // {..."_kafka":{...}}: the member goes where the closing brace was, after a comma unless the object is empty.
            boolean empty = buffer[end - 2] == '{';
            end--;
            int from = empty ? 1 : 0;
            System.arraycopy(KAFKA_MEMBER, from, buffer, end, KAFKA_MEMBER.length - from);
            end += KAFKA_MEMBER.length - from;
            System.arraycopy(metadata, 0, buffer, end, metadata.length);
            end += metadata.length;
            buffer[end++] = '}';
        }
        return EncodedData.of(buffer, end - EncodedData.TEXT_OFFSET);
    }

    /** The {@code _kafka} object {@link JsonRecordDeserializer} builds, as text, in the same order. */
    private String metadataText(ConsumerRecord<byte[], byte[]> record) {
        StringBuilder text = new StringBuilder(128).append("{\"topic\":");
        JsonText.string(record.topic(), text);
        text.append(",\"partition\":").append(record.partition())
                .append(",\"offset\":").append(record.offset())
                .append(",\"timestamp\":").append(record.timestamp())
                .append(",\"key\":");
        if (record.key() == null) {
            text.append("null");
        } else {
            JsonText.string(new String(record.key(), StandardCharsets.UTF_8), text);
        }
        if (record.headers().iterator().hasNext() && maxHeaderBytes > 0) {
            headersText(record, text);
        }
        return text.append('}').toString();
    }

    /** Its {@code headers}, as text: the same headers, in the same form. */
    private void headersText(ConsumerRecord<byte[], byte[]> record, StringBuilder text) {
        KeptHeaders shown = KeptHeaders.of(record, maxHeaderBytes);
        text.append(",\"headers\":[");
        boolean first = true;
        for (KeptHeaders.Shown header : shown.kept()) {
            text.append(first ? "{\"key\":" : ",{\"key\":");
            first = false;
            JsonText.string(header.key(), text);
            if (header.value() == null) {
                text.append(",\"value\":null}");
            } else {
                text.append(",\"value\":");
                JsonText.string(header.value(), text);
                text.append(",\"encoding\":");
                JsonText.string(header.encoding(), text);
                text.append('}');
            }
        }
        text.append(']');
        if (shown.omitted() > 0) {
            text.append(",\"headersOmitted\":").append(shown.omitted());
        }
    }
}
