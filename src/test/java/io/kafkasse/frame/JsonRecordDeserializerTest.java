package io.kafkasse.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.json.JsonObject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import io.kafkasse.config.ServiceConfig;
import io.kafkasse.sink.EncodedData;

class JsonRecordDeserializerTest {

    private final RecordDecoder decoder = new RecordDecoder(new JsonRecordDeserializer());
    private final JsonRecordDeserializer strings = new JsonRecordDeserializer(ServiceConfig.ValueFormat.STRING);

    @Test
    void addsKafkaMetadataToAJsonObject() {
        assertEquals(Optional.of("{\"price\":12.5,\"_kafka\":{\"topic\":\"orders\",\"partition\":3,\"offset\":42,"
                        + "\"timestamp\":1763800000000,\"key\":\"o-1\"}}"),
                data(record("o-1", "{\"price\": 12.5}")));
    }

    @Test
    void keyIsNullWhenTheRecordHasNone() {
        assertTrue(data(record(null, "{}")).orElseThrow().contains("\"key\":null"));
    }

    @Test
    void writesPrettyPrintedJsonOnOneLine() {
        String data = data(record("k", "{\n  \"text\": \"two\\nlines\"\n}")).orElseThrow();
        assertTrue(!data.contains("\n") && data.startsWith("{\"text\":\"two\\nlines\","), data);
    }

    @Test
    void replacesAKafkaFieldTheProducerWroteItself() {
        String data = data(record("k", "{\"_kafka\":{\"offset\":-5}}")).orElseThrow();
        assertTrue(data.contains("\"offset\":42") && !data.contains("-5"), data);
    }

    @Test
    void sendsOtherJsonValuesUnchanged() {
        assertEquals(Optional.of("[1,2,3]"), data(record("k", "[1, 2, 3]")));
        assertEquals(Optional.of("\"text\""), data(record("k", "\"text\"")));
        assertEquals(Optional.of("7"), data(record("k", "7")));
    }

    @Test
    void skipsValuesThatAreNotExactlyOneJsonDocument() {
        assertEquals(Optional.empty(), data(record("k", "not json")));
        assertEquals(Optional.empty(), data(record("k", "{\"a\":")));
        assertEquals(Optional.empty(), data(record("k", "{} {}")));
        assertEquals(Optional.empty(), data(record("k", "")));
        assertEquals(Optional.empty(), data(record("k", null)));
    }

    @Test
    void stringFormatSendsTheValueAsAJsonStringWithMetadata() {
        assertEquals("{\"value\":\"plain \\\"text\\\"\",\"_kafka\":{\"topic\":\"orders\",\"partition\":3,\"offset\":42,"
                + "\"timestamp\":1763800000000,\"key\":\"k\"}}", strings.deserialize(record("k", "plain \"text\"")).toString());
    }

    @Test
    void stringFormatSendsATombstoneWithANullValue() {
        assertTrue(strings.deserialize(record("k", null)).toString().startsWith("{\"value\":null,\"_kafka\":"));
    }

    @Test
    void aDeserializerThatThrowsSkipsTheRecord() {
        RecordDecoder failing = new RecordDecoder(record -> {
            throw new IllegalStateException("boom");
        });
        assertEquals(Optional.empty(), failing.decode(record("k", "{}")));
    }

    @Test
    void headersAreInTheMetadataAsTextWhenUtf8ElseAsBase64InOrderWithRepeats() {
        ConsumerRecord<byte[], byte[]> record = record("k", "{}");
        record.headers().add("trace", "abc-1".getBytes(StandardCharsets.UTF_8));
        record.headers().add("bin", new byte[] {0, (byte) 0xff, 1});
        record.headers().add("trace", "caf\u00e9".getBytes(StandardCharsets.UTF_8));
        record.headers().add("empty", null);

        JsonObject kafka = ((JsonObject) new JsonRecordDeserializer().deserialize(record)).getJsonObject("_kafka");

        assertEquals("[{\"key\":\"trace\",\"value\":\"abc-1\",\"encoding\":\"utf-8\"},"
                + "{\"key\":\"bin\",\"value\":\"AP8B\",\"encoding\":\"base64\"},"
                + "{\"key\":\"trace\",\"value\":\"caf\u00e9\",\"encoding\":\"utf-8\"},"
                + "{\"key\":\"empty\",\"value\":null}]", kafka.getJsonArray("headers").toString());
        assertFalse(kafka.containsKey("headersOmitted"));
    }

    @Test
    void headersPastTheBoundAreLeftOutAndCounted() {
        ConsumerRecord<byte[], byte[]> record = record("k", "{}");
        record.headers().add("small", "x".getBytes(StandardCharsets.UTF_8));
        record.headers().add("huge", new byte[JsonRecordDeserializer.DEFAULT_MAX_HEADER_BYTES]);
        record.headers().add("after", "y".getBytes(StandardCharsets.UTF_8));

        JsonObject kafka = ((JsonObject) new JsonRecordDeserializer().deserialize(record)).getJsonObject("_kafka");

        assertEquals(2, kafka.getJsonArray("headers").size(), kafka.toString());
        assertEquals(1, kafka.getInt("headersOmitted"));
    }

    @Test
    void aRecordWithoutHeadersHasNoHeadersField() {
        assertFalse(data(record("k", "{}")).orElseThrow().contains("headers"));
    }

    /** What clients get: the tree's text; where the data is also written straight from the bytes, the same text. */
    private Optional<String> data(ConsumerRecord<byte[], byte[]> record) {
        Optional<String> parsed = decoder.decode(record).map(Object::toString);
        EncodedData direct = decoder.directEncoder().encoded(record);
        if (direct != null) {
            assertEquals(parsed, Optional.of(direct.text()), "written straight from the bytes");
        }
        return parsed;
    }

    private static ConsumerRecord<byte[], byte[]> record(String key, String value) {
        return new ConsumerRecord<>("orders", 3, 42L, 1763800000000L, TimestampType.CREATE_TIME, -1, -1,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8),
                new RecordHeaders(), Optional.empty());
    }
}
