package io.kafkasse.position;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Instant;
import java.util.stream.Stream;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SinceTest {

    private static final long INSTANT = Instant.parse("2026-11-22T10:15:30Z").toEpochMilli();

    @Test
    void readsEpochMillisecondsWrittenInDigits() {
        assertEquals(1_763_806_530_000L, Since.parse("1763806530000"));
        assertEquals(0L, Since.parse("0"));
        assertEquals(Long.MAX_VALUE, Since.parse(Long.toString(Long.MAX_VALUE)));
    }

    @Test
    void readsAnInstantInUtc() {
        assertEquals(INSTANT, Since.parse("2026-11-22T10:15:30Z"));
    }

    @Test
    void readsAnOffsetDateTimeAtItsOffset() {
        assertEquals(INSTANT - 3_600_000L + 123L, Since.parse("2026-11-22T10:15:30.123+01:00"));
        assertEquals(INSTANT + 5 * 3_600_000L + 30 * 60_000L, Since.parse("2026-11-22T10:15:30-05:30"));
    }

    @Test
    void readsALocalDateTimeAsUtcNotAsTheServersZone() {
        assertEquals(INSTANT, Since.parse("2026-11-22T10:15:30"));
        assertEquals(INSTANT - 30_000L, Since.parse("2026-11-22T10:15"));
    }

    @Test
    void readsADateAsUtcMidnight() {
        assertEquals(Instant.parse("2026-11-22T00:00:00Z").toEpochMilli(), Since.parse("2026-11-22"));
        assertEquals(0L, Since.parse("1970-01-01"));
    }

    @Test
    void readsTheLettersTAndZInEitherCase() {
        assertEquals(INSTANT, Since.parse("2026-11-22t10:15:30z"));
    }

    @Test
    void dropsPrecisionFinerThanAMillisecond() {
        assertEquals(INSTANT + 123L, Since.parse("2026-11-22T10:15:30.123999999Z"));
    }

    @Test
    void acceptsTheLongestText() {
        String padded = "0".repeat(Since.MAX_LENGTH - 13) + "1763806530000";
        assertEquals(Since.MAX_LENGTH, padded.length());
        assertEquals(1_763_806_530_000L, Since.parse(padded));
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                arguments("", "The since parameter is empty"),
                arguments("-1", "since=-1 is negative"),
                arguments("-1763806530000", "since=-1763806530000 is negative"),
                arguments("9223372036854775808", "since=9223372036854775808 is beyond the largest epoch millisecond, 9223372036854775807"),
                arguments("1763806530000.5", "since=1763806530000.5 is not a valid time"),
                arguments("1.7e12", "since=1.7e12 is not a valid time"),
                arguments("+1763806530000", "since=+1763806530000 is not a valid time"),
                arguments(" 2026-11-22", "since= 2026-11-22 is not a valid time (unexpected text at index 0)"),
                arguments("yesterday", "since=yesterday is not a valid time (unexpected text at index 0)"),
                arguments("now", "since=now is not a valid time"),
                arguments("2026-11-22T10:15:30Zjunk", "since=2026-11-22T10:15:30Zjunk is not a valid time (unexpected text at index 20)"),
                arguments("2026-11-22 10:15:30", "since=2026-11-22 10:15:30 is not a valid time (unexpected text at index 10)"),
                arguments("2026-11-22T", "since=2026-11-22T is not a valid time"),
                arguments("2026-11-22T10:15:30+0100", "since=2026-11-22T10:15:30+0100 is not a valid time"),
                arguments("2026-11-22T10:15:30[Europe/Paris]", "since=2026-11-22T10:15:30[Europe/Paris] is not a valid time"),
                arguments("22/11/2026", "since=22/11/2026 is not a valid time"),
                arguments("2026-11", "since=2026-11 is not a valid time"),
                arguments("20261122T101530Z", "since=20261122T101530Z is not a valid time"),
                arguments("2026-13-01", "since=2026-13-01 is not a valid time (Invalid value for MonthOfYear (valid values 1 - 12): 13)"),
                arguments("2026-02-30", "since=2026-02-30 is not a valid time (Invalid date 'FEBRUARY 30')"),
                arguments("2026-11-22T24:00:00Z", "since=2026-11-22T24:00:00Z is not a valid time (Invalid value for HourOfDay (valid values 0 - 23): 24)"),
                arguments("1969-12-31T23:59:59.999Z", "since=1969-12-31T23:59:59.999Z is before 1970-01-01T00:00:00Z"),
                arguments("1970-01-01T00:30:00+01:00", "since=1970-01-01T00:30:00+01:00 is before 1970-01-01T00:00:00Z"),
                arguments("-0001-01-01", "since=-0001-01-01 is before 1970-01-01T00:00:00Z"),
                arguments("+999999999-12-31", "since=+999999999-12-31 is too far in the future for epoch milliseconds"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("refused")
    void refusesWithAReasonThatListsTheAcceptedForms(String text, String reason) {
        JsonObject problem = Problems.assertBadRequest("invalid-since", reason, () -> Since.parse(text));

        String detail = problem.getString("detail");
        for (String form : new String[] {"epoch milliseconds", "2026-11-22T10:15:30Z", "2026-11-22T10:15:30.123+01:00",
                "local date-time taken as UTC (2026-11-22T10:15:30)", "date taken as UTC midnight (2026-11-22)"}) {
            assertEquals(true, detail.contains(form), () -> "detail '" + detail + "' should list " + form);
        }
        assertEquals(text, problem.getString("since"));
        assertEquals("Invalid since", problem.getString("title"));
    }

    @Test
    void refusesTextLongerThan64CharactersAndRepeatsOnly64() {
        String text = "2026-11-22T10:15:30Z" + " ".repeat(45);

        JsonObject problem = Problems.assertBadRequest("invalid-since", "The since parameter has 65 characters, more than 64",
                () -> Since.parse(text));

        assertEquals(text.substring(0, 61) + "...", problem.getString("since"));
    }
}
