package io.kafkasse.position;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.kafkasse.error.StreamProblem;

/**
 * Reads the {@code since} parameter, the time from which a stream starts, as epoch milliseconds for Kafka's
 * offsets-for-times lookup. A time without an offset is taken as UTC, never as the server's zone, so a URL means the
 * same thing on every server.
 */
public final class Since {

    static final int MAX_LENGTH = 64;

    static final String ACCEPTED = "accepted are epoch milliseconds (1763806530000), an ISO-8601 instant or offset date-time"
            + " (2026-11-22T10:15:30Z, 2026-11-22T10:15:30.123+01:00), a local date-time taken as UTC (2026-11-22T10:15:30)"
            + " or a date taken as UTC midnight (2026-11-22)";

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    // One strict parser for the three ISO shapes, so that a wrong value gets one precise complaint (month 13, February
    // 30) instead of the last of three failed attempts. STRICT refuses what the default would quietly adjust.
    private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .appendLiteral('T')
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart()
            .appendOffsetId()
            .toFormatter(Locale.ROOT)
            .withChronology(IsoChronology.INSTANCE)
            .withResolverStyle(ResolverStyle.STRICT);

    private Since() {
    }

    /**
     * @param text the parameter value, never null
     * @return epoch milliseconds, never negative
     * @throws StreamProblem 400 {@code invalid-since} for anything but the accepted forms
     */
    public static long parse(String text) {
        if (text.isEmpty()) {
            throw invalid(text, "The since parameter is empty; " + ACCEPTED);
        }
        if (text.length() > MAX_LENGTH) {
            throw invalid(text, "The since parameter has " + text.length() + " characters, more than " + MAX_LENGTH + "; " + ACCEPTED);
        }
        if (DIGITS.matcher(text).matches()) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw invalid(text, "since=" + text + " is beyond the largest epoch millisecond, " + Long.MAX_VALUE + "; " + ACCEPTED);
            }
        }
        if (text.startsWith("-") && DIGITS.matcher(text.substring(1)).matches()) {
            throw invalid(text, "since=" + text + " is negative; " + ACCEPTED);
        }
        Instant instant;
        try {
            instant = toInstant(ISO.parseBest(text, OffsetDateTime::from, LocalDateTime::from, LocalDate::from));
        } catch (DateTimeParseException e) {
            throw invalid(text, "since=" + text + " is not a valid time (" + why(e) + "); " + ACCEPTED);
        }
        // Kafka looks up no timestamp before the epoch; a far-future year would overflow epoch milliseconds.
        if (instant.isBefore(Instant.EPOCH)) {
            throw invalid(text, "since=" + text + " is before 1970-01-01T00:00:00Z; " + ACCEPTED);
        }
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException e) {
            throw invalid(text, "since=" + text + " is too far in the future for epoch milliseconds; " + ACCEPTED);
        }
    }

    private static Instant toInstant(TemporalAccessor parsed) {
        if (parsed instanceof OffsetDateTime dateTime) {
            return dateTime.toInstant();
        }
        if (parsed instanceof LocalDateTime dateTime) {
            return dateTime.toInstant(ZoneOffset.UTC);
        }
        return ((LocalDate) parsed).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The parser's reason without its copy of the text: an invalid field value, or where reading stopped. */
    private static String why(DateTimeParseException e) {
        if (e.getCause() instanceof DateTimeException cause && cause.getMessage() != null) {
            return cause.getMessage();
        }
        return "unexpected text at index " + e.getErrorIndex();
    }

    private static StreamProblem invalid(String text, String reason) {
        return StreamProblem.badRequest("invalid-since", "Invalid since", reason, Map.of("since", Abbreviation.of(text, MAX_LENGTH)));
    }
}
