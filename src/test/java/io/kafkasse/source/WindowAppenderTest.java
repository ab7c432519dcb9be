package io.kafkasse.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class WindowAppenderTest {

    private static final int MAX = 1_000;

    private final WindowAppender appender = TestWindows.appender(MAX);
    private final PartitionWindow window = new PartitionWindow(16, Long.MAX_VALUE, 0);

    @Test
    void aRecordWithinTheBoundIsDecodedAndSent() {
        WindowEntry entry = appender.entry(window, record("k", "{\"n\":1}", 0));
        assertFalse(entry.notice());
        assertTrue(entry.data().text().startsWith("{\"n\":1,\"_kafka\":"), entry.data().text());
    }

    @Test
    void aRecordOverTheBoundBecomesANoticeThatKeepsNothingOfIt() {
        String value = "{\"pad\":\"" + "x".repeat(MAX) + "\"}";
        WindowEntry entry = appender.entry(window, record("k", value, 5));

        assertTrue(entry.notice());
        assertEquals("{\"reason\":\"record-too-large\",\"topic\":\"t\",\"partition\":0,\"offset\":7,\"timestamp\":1763800000000,"
                + "\"size\":" + (1 + value.length() + 5) + ",\"limit\":1000}", entry.data().text());
        assertNull(entry.record().key());
        assertNull(entry.record().value());
        assertFalse(entry.record().headers().iterator().hasNext());
        assertNull(entry.value(), "no JSON tree for filters");
        assertTrue(entry.bytes() < 400, "what the window holds for it: " + entry.bytes());
    }

    @Test
    void headersCountTowardsTheRecordsSizeAndTheWindowsBytes() {
        ConsumerRecord<byte[], byte[]> small = record("k", "{}", 0);
        ConsumerRecord<byte[], byte[]> withHeaders = record("k", "{}", 0);
        withHeaders.headers().add("h", new byte[500]);
        assertEquals(WindowAppender.sizeOf(small) + 501, WindowAppender.sizeOf(withHeaders));
        assertTrue(appender.entry(window, withHeaders).bytes() >= appender.entry(window, small).bytes() + 501);

        withHeaders.headers().add("more", new byte[600]);
        assertTrue(appender.entry(window, withHeaders).notice(), "over the bound by its headers alone");
    }

    /** A record as polled: its serialized sizes set, with {@code headerBytes} bytes of one header named "hdr". */
    private static ConsumerRecord<byte[], byte[]> record(String key, String value, int headerBytes) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        RecordHeaders headers = new RecordHeaders();
        if (headerBytes > 0) {
            headers.add("hdr", new byte[headerBytes - 3]);
        }
        return new ConsumerRecord<>("t", 0, headerBytes > 0 ? 7 : 3, 1763800000000L, TimestampType.CREATE_TIME, k.length, v.length,
                k, v, headers, Optional.empty());
    }
}
