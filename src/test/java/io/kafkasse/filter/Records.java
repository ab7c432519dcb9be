package io.kafkasse.filter;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Records and JSON values for filter tests. */
final class Records {

    private Records() {
    }

    static ConsumerRecord<byte[], byte[]> withKey(String key) {
        return new ConsumerRecord<>("changes", 0, 7L, key == null ? null : key.getBytes(StandardCharsets.UTF_8), null);
    }

    static JsonValue json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    static RecordFilter filter(String name, String... values) {
        return ClientFilters.fromQuery(Map.of(name, List.of(values)));
    }
}
