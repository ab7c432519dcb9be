package io.kafkasse.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import io.kafkasse.config.ServiceConfig;

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

    private Optional<String> data(ConsumerRecord<byte[], byte[]> record) {
        return decoder.decode(record).map(Object::toString);
    }

    private static ConsumerRecord<byte[], byte[]> record(String key, String value) {
        return new ConsumerRecord<>("orders", 3, 42L, 1763800000000L, TimestampType.CREATE_TIME, -1, -1,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8),
                new RecordHeaders(), Optional.empty());
    }
}
