package io.kafkasse.it.support;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.apache.kafka.common.TopicPartition;

/** Reading the JSON the service sends. */
public final class Json {

    private Json() {
    }

    public static JsonObject object(String text) {
        try (var reader = jakarta.json.Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    public static JsonValue value(String text) {
        try (var reader = jakarta.json.Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    /** An event id as a map from partition to next offset, in the order the id lists them. */
    public static Map<TopicPartition, Long> positions(String id) {
        Map<TopicPartition, Long> positions = new LinkedHashMap<>();
        try (var reader = jakarta.json.Json.createReader(new StringReader(id))) {
            JsonArray entries = reader.readArray();
            for (JsonObject entry : entries.getValuesAs(JsonObject.class)) {
                positions.put(new TopicPartition(entry.getString("topic"), entry.getInt("partition")),
                        entry.getJsonNumber("offset").longValue());
            }
        }
        return positions;
    }
}
