package io.kafkasse.filter;

import java.math.BigDecimal;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The text of a {@code match.*} parameter, compared with a JSON value. A query string has no types, so the text is
 * read as whatever the JSON value is: a string must equal it exactly; a number must be numerically equal to it
 * ({@code 0} matches {@code 0} and {@code 0.0}); {@code true}, {@code false} and {@code null} match those literals.
 * Objects and arrays never match.
 */
final class ExpectedValue {

    private final String text;
    private final BigDecimal number;

    ExpectedValue(String text) {
        this.text = text;
        this.number = parseNumber(text);
    }

    boolean matches(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString().equals(text);
            case NUMBER -> number != null && ((JsonNumber) value).bigDecimalValue().compareTo(number) == 0;
            case TRUE -> "true".equals(text);
            case FALSE -> "false".equals(text);
            case NULL -> "null".equals(text);
            case OBJECT, ARRAY -> false;
        };
    }

    /** The text as a number in BigDecimal's syntax (such as {@code -3}, {@code 2.50}, {@code 1e3}), or null. */
    private static BigDecimal parseNumber(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
