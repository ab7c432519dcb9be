package io.kafkasse.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;

import jakarta.json.JsonValue;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import io.kafkasse.ForAll;
import io.kafkasse.sink.EncodedData;

/**
 * Records whose data is written straight from their bytes get exactly the text the parsed tree gives, and the
 * documents producers write take that path; whatever the path cannot tell is left to the parser.
 */
class DirectEncodingPropertiesTest {

    private final JsonRecordDeserializer deserializer = new JsonRecordDeserializer();
    private final RecordDecoder decoder = new RecordDecoder(deserializer);
    private final DirectEncoder direct = deserializer.directEncoder();

    @Test
    void dataWrittenFromTheBytesIsTheTextOfTheParsedTree() {
        ForAll.check(20_000, DirectEncodingPropertiesTest::record, record -> {
            EncodedData written = direct.encoded(record);
            JsonValue parsed = decoder.decode(record).orElse(null);
            if (written != null) {
                assertNotNull(parsed, "the bytes took the direct path but the parser skips them");
                assertEquals(JsonText.of(parsed), written.text());
                assertEquals(JsonText.of(parsed).getBytes(StandardCharsets.UTF_8).length + 8, written.size());
            }
        });
    }

    @Test
    void compactAndPrettyPrintedDocumentsTakeTheDirectPath() {
        ForAll.check(2_000, random -> record(random, compactDocument(random, 0, false), random.nextBoolean()), record ->
                assertNotNull(direct.encoded(record), "a document producers write"));
    }

    @Test
    void aTypicalEventIsWrittenWithItsMetadataAfterItsLastMember() {
        ConsumerRecord<byte[], byte[]> record = record("{\"id\": 7, \"user\": \"Zoë\", \"tags\": [\"a\", \"b\"], \"meta\": {\"dt\": \"2026-12-06\", \"ok\": true, \"n\": null, \"x\": -0.25}}", "k-7");
        assertEquals("{\"id\":7,\"user\":\"Zoë\",\"tags\":[\"a\",\"b\"],\"meta\":{\"dt\":\"2026-12-06\",\"ok\":true,\"n\":null,\"x\":-0.25},"
                + "\"_kafka\":{\"topic\":\"orders\",\"partition\":3,\"offset\":42,\"timestamp\":1763800000000,\"key\":\"k-7\"}}",
                direct.encoded(record).text());
    }

    @Test
    void anEmptyObjectGetsItsMetadataWithoutAComma() {
        assertEquals("{\"_kafka\":{\"topic\":\"orders\",\"partition\":3,\"offset\":42,\"timestamp\":1763800000000,\"key\":null}}",
                direct.encoded(record(" { } ", null)).text());
    }

    @Test
    void documentsThatJsonPWritesDifferentlyAreLeftToTheParser() {
        for (String value : new String[] {"{\"a\":\"\\/\"}", "{\"a\":\"\\u0041\"}", "{\"a\":\"\\u001F\"}", "{\"a\":\"\\u000a\"}",
                "{\"a\":-0}", "{\"a\":1e5}", "{\"a\":0.0000001}", "{\"a\":-0.0}", "{\"a\":1,\"a\":2}",
                "{\"_kafka\":1}", "[".repeat(CompactJson.MAX_DEPTH + 1) + "]".repeat(CompactJson.MAX_DEPTH + 1),
                "{\"a\":1} {}", "", "  ", "{\"a\":01}", "{\"a\":1,}", "[1,]", "nul", "\"\u0001\""}) {
            assertNull(direct.encoded(record(value, "k")), value);
        }
        assertNull(direct.encoded(record(new byte[] {'"', (byte) 0xC0, (byte) 0x80, '"'})), "overlong UTF-8");
        assertNull(direct.encoded(record(new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'})), "a surrogate in UTF-8");
        assertNull(direct.encoded(record(new byte[] {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'})), "past U+10FFFF");
    }

    @Test
    void nestedRepeatsAndManyNamesAreLeftToTheParserButNamesAtOtherLevelsMayRepeat() {
        assertNull(direct.encoded(record("{\"o\":{\"a\":1,\"b\":2,\"a\":3}}", null)));
        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i <= CompactJson.MAX_NAMES; i++) {
            wide.append(i == 0 ? "" : ",").append("\"n").append(i).append("\":").append(i);
        }
        assertNull(direct.encoded(record(wide.append('}').toString(), null)));
        assertNotNull(direct.encoded(record("{\"a\":{\"a\":{\"a\":1}},\"b\":[{\"a\":1},{\"a\":2}]}", null)));
    }

    @Test
    void namesThatHashAlikeCostComparisonsOnlyUpToABudgetThenTheParserDecides() {
        // "Aa" and "BB" hash alike, so every name made of six of them does: 64 distinct names, each compared with every
        // earlier one byte by byte, would cost more than the budget (the input's length): the bytes path gives up.
        StringBuilder alike = new StringBuilder("{");
        for (int i = 0; i < 64; i++) {
            StringBuilder name = new StringBuilder();
            for (int bit = 0; bit < 6; bit++) {
                name.append((i >> bit & 1) == 0 ? "Aa" : "BB");
            }
            alike.append(i == 0 ? "" : ",").append('"').append(name).append("\":").append(i);
        }
        ConsumerRecord<byte[], byte[]> record = record(alike.append('}').toString(), null);
        assertNull(direct.encoded(record), "past the comparison budget");
        assertNotNull(decoder.decode(record).orElse(null), "the parser still sends it");
    }

    // ---- generators

    private static ConsumerRecord<byte[], byte[]> record(Random random) {
        byte[] value = switch (random.nextInt(4)) {
            case 0 -> compactDocument(random, 0, random.nextBoolean()).getBytes(StandardCharsets.UTF_8);
            case 1 -> anyDocument(random, 0).getBytes(StandardCharsets.UTF_8);
            case 2 -> mutated(random, anyDocument(random, 0).getBytes(StandardCharsets.UTF_8));
            default -> randomBytes(random);
        };
        return record(random, value, random.nextBoolean());
    }

    private static ConsumerRecord<byte[], byte[]> record(Random random, String value, boolean headers) {
        return record(random, value.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static ConsumerRecord<byte[], byte[]> record(Random random, byte[] value, boolean withHeaders) {
        RecordHeaders headers = new RecordHeaders();
        if (withHeaders) {
            for (int i = random.nextInt(4); i > 0; i--) {
                headers.add(text(random, 6), random.nextInt(5) == 0 ? null
                        : random.nextBoolean() ? text(random, 10).getBytes(StandardCharsets.UTF_8) : randomBytes(random));
            }
        }
        byte[] key = switch (random.nextInt(3)) {
            case 0 -> null;
            case 1 -> text(random, 12).getBytes(StandardCharsets.UTF_8);
            default -> randomBytes(random);
        };
        return new ConsumerRecord<>("t\"" + random.nextInt(10), random.nextInt(100), random.nextLong() & Long.MAX_VALUE,
                random.nextLong(), TimestampType.CREATE_TIME, -1, -1, key, value, headers, Optional.empty());
    }

    private static ConsumerRecord<byte[], byte[]> record(String value, String key) {
        return new ConsumerRecord<>("orders", 3, 42L, 1763800000000L, TimestampType.CREATE_TIME, -1, -1,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8),
                new RecordHeaders(), Optional.empty());
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] value) {
        return new ConsumerRecord<>("orders", 3, 42L, 1763800000000L, TimestampType.CREATE_TIME, -1, -1, null, value,
                new RecordHeaders(), Optional.empty());
    }

    /** JSON as producers write it: canonical numbers and escapes, unique names, compact or pretty-printed. */
    private static String compactDocument(Random random, int depth, boolean pretty) {
        String space = pretty ? " " : "";
        int kind = depth == 0 ? 0 : random.nextInt(depth > 4 ? 4 : 6);
        switch (kind) {
            case 0 -> {
                StringBuilder out = new StringBuilder("{").append(pretty ? "\n" : "");
                int members = random.nextInt(depth == 0 ? 12 : 5);
                for (int i = 0; i < members; i++) {
                    out.append(i == 0 ? "" : "," + (pretty ? "\n" : "")).append(space).append('"').append("k").append(i)
                            .append(canonicalText(random)).append('"').append(':').append(space)
                            .append(compactDocument(random, depth + 1, pretty));
                }
                return out.append(pretty ? "\n" : "").append('}').toString();
            }
            case 1 -> {
                return "\"" + canonicalText(random) + "\"";
            }
            case 2 -> {
                return String.valueOf(random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(1000));
            }
            case 3 -> {
                return new String[] {"true", "false", "null", "12.50", "-3.25", "0.001", "123456789012345678901234"}[random.nextInt(7)];
            }
            default -> {
                StringBuilder out = new StringBuilder("[");
                for (int i = random.nextInt(4); i > 0; i--) {
                    out.append(out.length() > 1 ? "," + space : "").append(compactDocument(random, depth + 1, pretty));
                }
                return out.append(']').toString();
            }
        }
    }

    private static String canonicalText(Random random) {
        StringBuilder out = new StringBuilder();
        for (int i = random.nextInt(8); i > 0; i--) {
            out.append(new String[] {"a", "Z", " ", "é", "€", "😀", "\\n", "\\\"", "\\\\", "\\t", "\\u0001", "\\u001f", "/", "\u007f"}[random.nextInt(14)]);
        }
        return out.toString();
    }

    /** Any JSON, as anyone might write it: escapes and numbers of every form, repeats, odd spacing. */
    private static String anyDocument(Random random, int depth) {
        String[] spaces = {"", " ", "\n", "\t", "\r\n  "};
        String s = spaces[random.nextInt(spaces.length)];
        int kind = depth > 6 ? 1 + random.nextInt(3) : random.nextInt(5);
        return switch (kind) {
            case 0 -> {
                StringBuilder out = new StringBuilder(s + "{" + s);
                int members = random.nextInt(6);
                for (int i = 0; i < members; i++) {
                    String name = random.nextInt(6) == 0 ? "_kafka" : random.nextInt(3) == 0 ? "a" : anyText(random);
                    out.append(i == 0 ? "" : ",").append(s).append('"').append(name).append('"').append(s).append(':')
                            .append(anyDocument(random, depth + 1));
                }
                yield out.append(s).append('}').append(s).toString();
            }
            case 1 -> s + "\"" + anyText(random) + "\"" + s;
            case 2 -> s + anyNumber(random) + s;
            case 3 -> new String[] {"true", "false", "null"}[random.nextInt(3)];
            default -> {
                StringBuilder out = new StringBuilder("[");
                for (int i = random.nextInt(4); i > 0; i--) {
                    out.append(out.length() > 1 ? "," : "").append(anyDocument(random, depth + 1));
                }
                yield out.append(s).append(']').toString();
            }
        };
    }

    private static String anyText(Random random) {
        StringBuilder out = new StringBuilder();
        for (int i = random.nextInt(6); i > 0; i--) {
            out.append(new String[] {"a", "é", "😀", "\\/", "\\u0041", "\\u00e9", "\\u001F", "\\u000a", "\\n", "\\b", "\\ud83d\\ude00",
                    "\\u0000", "\\\"", "\\\\", "\\x", "\u2028"}[random.nextInt(16)]);
        }
        return out.toString();
    }

    private static String anyNumber(Random random) {
        return new String[] {"0", "-0", "-0.0", "0.0", "1", "-1", "10", "1.5", "1.50", "1e5", "1E+5", "1.5e-3", "0.0000001",
                "0.000001", "0.00000000", "123456789012", "-2147483648", "9223372036854775808", "1.0E2", "00", "1.", ".5",
                "-", "12.345678901234567890123"}[random.nextInt(24)];
    }

    private static byte[] mutated(Random random, byte[] document) {
        if (document.length == 0) {
            return document;
        }
        byte[] copy = document.clone();
        for (int i = random.nextInt(3) + 1; i > 0; i--) {
            String marks = "{}[]\",:\\ 0-e.\u0080";
            copy[random.nextInt(copy.length)] = (byte) marks.charAt(random.nextInt(marks.length()));
        }
        return copy;
    }

    private static byte[] randomBytes(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = random.nextInt(12); i > 0; i--) {
            out.write(random.nextInt(256));
        }
        return out.toByteArray();
    }

    private static String text(Random random, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = random.nextInt(max); i > 0; i--) {
            out.append(new String[] {"a", "é", "\"", "\\", "\n", "😀", "\u0001"}[random.nextInt(7)]);
        }
        return out.toString();
    }
}
