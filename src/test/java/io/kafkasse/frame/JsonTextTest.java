package io.kafkasse.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.util.Random;

import jakarta.json.Json;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** JsonText writes exactly the text JSON-P's toString() does, which clients have always received. */
class JsonTextTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "{}", "[]", "null", "true", "false", "0", "-0", "1.50", "1e5", "-2.5E-3", "123456789012345678901234567890",
            "\"\"", "\"plain\"", "{\"a\":1,\"b\":[true,false,null,{\"c\":\"d\"}],\"e\":{}}",
            "{\"quote\":\"say \\\"hi\\\"\",\"back\\\\slash\":\"a\\\\b\",\"slash\":\"a/b\\/c\"}",
            "{\"ctl\":\"\\b\\f\\n\\r\\t\\u0000\\u001f\\u0001\",\"del\":\"\\u007f\"}",
            "{\"unicode\":\"é ü 日本 😀 \\u2028 \\u2029\",\"ключ\":\"значение\"}",
            "[1,[2,[3,[4]]],{\"x\":[{\"y\":-1.0}]}]"})
    void writesWhatJsonPWrites(String json) {
        JsonValue value = parse(json);
        assertEquals(value.toString(), JsonText.of(value));
    }

    @Test
    void writesWhatJsonPWritesForRandomStrings() {
        Random random = new Random(42);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int c = 0; c < length; c++) {
                text.append(switch (random.nextInt(4)) {
                    case 0 -> (char) random.nextInt(0x30); // controls, quotes, backslash and punctuation
                    case 1 -> '\\';
                    case 2 -> (char) (0x80 + random.nextInt(0x7000));
                    default -> (char) (0x20 + random.nextInt(0x5f));
                });
            }
            JsonValue value = Json.createObjectBuilder().add(text.toString(), text.toString())
                    .add("n", Json.createArrayBuilder().add(text.toString())).build();
            assertEquals(value.toString(), JsonText.of(value), "for " + text);
        }
    }

    private static JsonValue parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }
}
