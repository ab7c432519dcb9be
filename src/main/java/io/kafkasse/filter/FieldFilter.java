package io.kafkasse.filter;

import java.util.List;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** {@code match.<path>=<value>}: the field at the path of a JSON object equals one of the expected values. */
final class FieldFilter implements RecordFilter {

    private final List<String> path;
    private final List<ExpectedValue> expected;

    FieldFilter(List<String> path, List<ExpectedValue> expected) {
        this.path = List.copyOf(path);
        this.expected = List.copyOf(expected);
    }

    @Override
    public boolean accept(ConsumerRecord<byte[], byte[]> record, JsonValue value) {
        JsonValue field = find(value);
        if (field == null) {
            return false;
        }
        for (ExpectedValue candidate : expected) {
            if (candidate.matches(field)) {
                return true;
            }
        }
        return false;
    }

    /** The field, {@link JsonValue#NULL} when it is present and null, or {@code null} when it is absent. */
    private JsonValue find(JsonValue value) {
        JsonValue current = value;
        for (String name : path) {
            if (!(current instanceof JsonObject object)) {
                return null;
            }
            current = object.get(name);
        }
        return current;
    }
}
