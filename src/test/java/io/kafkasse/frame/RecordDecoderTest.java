package io.kafkasse.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class RecordDecoderTest {

    private final RecordDecoder decoder = new RecordDecoder();

    @Test
    void addsKafkaMetadataToAJsonObject() {
        assertEquals(Optional.of("{\"price\":12.5,\"_kafka\":{\"topic\":\"orders\",\"partition\":3,\"offset\":42,"
                        + "\"timestamp\":1763800000000,\"key\":\"o-1\"}}"),
                decoder.decode(record("o-1", "{\"price\": 12.5}")));
    }

    @Test
    void keyIsNullWhenTheRecordHasNone() {
        assertTrue(decoder.decode(record(null, "{}")).orElseThrow().contains("\"key\":null"));
    }

    @Test
    void writesPrettyPrintedJsonOnOneLine() {
        String data = decoder.decode(record("k", "{\n  \"text\": \"two\\nlines\"\n}")).orElseThrow();
        assertTrue(!data.contains("\n") && data.startsWith("{\"text\":\"two\\nlines\","), data);
    }

    @Test
    void replacesAKafkaFieldTheProducerWroteItself() {
        String data = decoder.decode(record("k", "{\"_kafka\":{\"offset\":-5}}")).orElseThrow();
        assertTrue(data.contains("\"offset\":42") && !data.contains("-5"), data);
    }

    @Test
    void sendsOtherJsonValuesUnchanged() {
        assertEquals(Optional.of("[1,2,3]"), decoder.decode(record("k", "[1, 2, 3]")));
        assertEquals(Optional.of("\"text\""), decoder.decode(record("k", "\"text\"")));
        assertEquals(Optional.of("7"), decoder.decode(record("k", "7")));
    }

    @Test
    void skipsValuesThatAreNotExactlyOneJsonDocument() {
        assertEquals(Optional.empty(), decoder.decode(record("k", "not json")));
        assertEquals(Optional.empty(), decoder.decode(record("k", "{\"a\":")));
        assertEquals(Optional.empty(), decoder.decode(record("k", "{} {}")));
        assertEquals(Optional.empty(), decoder.decode(record("k", "")));
        assertEquals(Optional.empty(), decoder.decode(record("k", null)));
    }

    private static ConsumerRecord<byte[], byte[]> record(String key, String value) {
        return new ConsumerRecord<>("orders", 3, 42L, 1763800000000L, TimestampType.CREATE_TIME, -1, -1,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8),
                new RecordHeaders(), Optional.empty());
    }
}
