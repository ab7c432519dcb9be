package io.kafkasse.it.extensions;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.kafkasse.frame.JsonRecordDeserializer;
import io.kafkasse.frame.RecordDeserializer;

/** A deployment's own deserializer: wraps the default, tags what it returns, and fails on records keyed "bad". */
@ApplicationScoped
public class TaggingDeserializer implements RecordDeserializer {

    @Inject
    JsonRecordDeserializer standard;

    @Override
    public JsonValue deserialize(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() != null && new String(record.key(), StandardCharsets.UTF_8).equals("bad")) {
            throw new IllegalArgumentException("this deserializer refuses records keyed 'bad'");
        }
        JsonValue value = standard.deserialize(record);
        if (value instanceof JsonObject object) {
            return Json.createObjectBuilder(object).add("deserializedBy", "TaggingDeserializer").build();
        }
        return value;
    }
}
