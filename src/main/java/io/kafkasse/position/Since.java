package io.kafkasse.position;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;

import io.kafkasse.error.StreamProblem;

/**
 * Reads the {@code since} query parameter: epoch milliseconds, or an ISO-8601 date-time ({@code 2026-11-22T10:15:30Z},
 * with an offset, or without one taken as UTC), or a date taken as midnight UTC.
 */
public final class Since {

    static final int MAX_LENGTH = 64;

    private Since() {
    }

    public static long parse(String text) {
        String value = text.trim();
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw invalid(text);
        }
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw invalid(text);
            }
        }
        try {
            return OffsetDateTime.parse(value).toInstant().toEpochMilli();
        } catch (DateTimeParseException notWithOffset) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException notLocal) {
            // try the next form
        }
        try {
            return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        } catch (DateTimeParseException notADate) {
            throw invalid(text);
        } catch (ArithmeticException outOfRange) {
            throw invalid(text);
        }
    }

    private static StreamProblem invalid(String text) {
        String shown = text.length() <= 100 ? text : text.substring(0, 100) + "...";
        return StreamProblem.badRequest("invalid-since", "Invalid since",
                "since must be epoch milliseconds (1763800000000), an ISO-8601 date-time (2026-11-22T10:15:30Z, "
                        + "2026-11-22T10:15:30+01:00, or without offset as UTC) or a date (2026-11-22, midnight UTC)",
                Map.of("since", shown));
    }

}
