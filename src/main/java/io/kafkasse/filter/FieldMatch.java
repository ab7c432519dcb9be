package io.kafkasse.filter;

import java.math.BigDecimal;
import java.util.List;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Keeps records whose JSON value has a field, found by a dotted path into nested objects, equal to one of the given
 * values: strings compare exactly, numbers numerically, and {@code true}, {@code false} and {@code null} match
 * their JSON counterparts.
 */
final class FieldMatch implements RecordFilter {

    private final List<String> path;
    private final List<String> values;

    FieldMatch(List<String> path, List<String> values) {
        this.path = path;
        this.values = values;
    }

    @Override
    public boolean accept(ConsumerRecord<byte[], byte[]> record, JsonValue value) {
        JsonValue field = value;
        for (String name : path) {
            if (field == null || field.getValueType() != JsonValue.ValueType.OBJECT) {
                return false;
            }
            field = ((JsonObject) field).get(name);
        }
        if (field == null) {
            return false;
        }
        for (String wanted : values) {
            if (equal(field, wanted)) {
                return true;
            }
        }
        return false;
    }

    private static boolean equal(JsonValue field, String wanted) {
        return switch (field.getValueType()) {
            case STRING -> ((JsonString) field).getString().equals(wanted);
            case NUMBER -> sameNumber((JsonNumber) field, wanted);
            case TRUE -> wanted.equals("true");
            case FALSE -> wanted.equals("false");
            case NULL -> wanted.equals("null");
            default -> false;
        };
    }

    private static boolean sameNumber(JsonNumber number, String wanted) {
        try {
            return number.bigDecimalValue().compareTo(new BigDecimal(wanted)) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
