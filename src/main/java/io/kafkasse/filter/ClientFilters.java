package io.kafkasse.filter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonValue;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import io.kafkasse.error.StreamProblem;

/**
 * The filter a client asks for with query parameters. Every condition must hold:
 * <ul>
 * <li>{@code key=<regex>}: the record key, read as UTF-8, fully matches the RE2 regular expression (the syntax of
 * Java's without back references, look-around or possessive quantifiers). A record without a key never matches. With
 * several {@code key} parameters, any of them may match. A pattern whose counted repetitions, multiplied through their
 * nesting, exceed {@value RepetitionBound#MAX}, or whose patterns together compile to more than
 * {@value #MAX_PROGRAM_SIZE} instructions, is refused; a record whose key would cost the patterns more than
 * {@link KeyFilter#MAX_WORK} steps ends the stream ({@link FilterTooCostly}).</li>
 * <li>{@code match.<field>=<value>}: the JSON value is an object whose field equals the value; {@code <field>} may be
 * a dotted path into nested objects ({@code match.meta.domain}), so a field whose own name contains a dot cannot be
 * named. A string equals the text exactly, a number equals it numerically ({@code 0} matches {@code 0.0}),
 * {@code true}, {@code false} and {@code null} match those literals; a missing field, an object or an array never
 * matches. Repeating the parameter for one field means any of the values; a comma is part of the value, not a
 * separator. Different fields must all match.</li>
 * </ul>
 * Other parameters are not filters and are left alone. At most {@value #MAX_FILTERS} filter values may be given,
 * patterns are at most {@value #MAX_PATTERN_LENGTH} characters and match values at most {@value #MAX_VALUE_LENGTH}.
 */
public final class ClientFilters {

    static final String KEY = "key";
    static final String MATCH = "match.";
    static final int MAX_FILTERS = 16;
    static final int MAX_PATTERN_LENGTH = 256;
    static final int MAX_VALUE_LENGTH = 1024;
    /** The most instructions a stream's key patterns may compile to together: the steps one byte of key costs at worst. */
    static final int MAX_PROGRAM_SIZE = 300;

    /** An inline flag group that turns comments mode on: {@code (?x)}, {@code (?ix-s)}, {@code (?x:...)}. */
    private static final Pattern COMMENTS_MODE = Pattern.compile("\\(\\?[a-zA-Z]*x");

    /**
     * Accepts every record. {@link #fromQuery} returns this very instance when the query asks for no filter, so
     * {@code filter == ClientFilters.NONE} tells a caller it may skip filtering, and decoding for it, altogether.
     */
    public static final RecordFilter NONE = new RecordFilter() {
        @Override
        public boolean accept(ConsumerRecord<byte[], byte[]> record, JsonValue value) {
            return true;
        }

        @Override
        public boolean readsValue() {
            return false;
        }
    };

    private ClientFilters() {
    }

    /**
     * @param query the request's query parameters, decoded, as JAX-RS gives them
     * @throws StreamProblem (400, {@code invalid-filter}) when a filter parameter is malformed or there are too many
     */
    public static RecordFilter fromQuery(Map<String, List<String>> query) {
        checkCount(query);
        List<RecordFilter> fields = new ArrayList<>();
        List<Pattern> keys = new ArrayList<>();
        query.forEach((name, values) -> {
            if (values == null || values.isEmpty()) {
                return;
            }
            if (KEY.equals(name)) {
                values.forEach(pattern -> keys.add(compile(pattern)));
            } else if (name.startsWith(MATCH)) {
                fields.add(field(name, values));
            }
        });
        // Field look-ups are cheaper than running a regular expression, so they go first.
        List<RecordFilter> conditions = new ArrayList<>(fields);
        if (!keys.isEmpty()) {
            checkProgramSize(keys);
            conditions.add(new KeyFilter(keys));
        }
        return allOf(conditions);
    }

    private static void checkCount(Map<String, List<String>> query) {
        int count = 0;
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            String name = parameter.getKey();
            if (parameter.getValue() != null && (KEY.equals(name) || name.startsWith(MATCH))) {
                count += parameter.getValue().size();
                if (count > MAX_FILTERS) {
                    throw invalid(name, "at most " + MAX_FILTERS + " filters (key and match.* values together) may be given");
                }
            }
        }
    }

    private static void checkProgramSize(List<Pattern> keys) {
        long size = keys.stream().mapToLong(Pattern::programSize).sum();
        if (size > MAX_PROGRAM_SIZE) {
            throw invalid(KEY, "the patterns of '" + KEY + "' are too large: they compile to " + size
                    + " instructions together, at most " + MAX_PROGRAM_SIZE + " are allowed; use fewer or simpler patterns");
        }
    }

    // Ordering rule: the length and the repetitions are checked BEFORE compiling, because compiling is what they
    // bound: RE2/J builds a program whose size is the product of nested counted repetitions.
    private static Pattern compile(String pattern) {
        if (pattern.length() > MAX_PATTERN_LENGTH) {
            throw invalid(KEY, "the pattern of '" + KEY + "' is longer than " + MAX_PATTERN_LENGTH + " characters");
        }
        // In comments mode whitespace and #-comments come between a count and what it repeats, or hide parentheses,
        // where RepetitionBound reads characters: (?x)(?:(?:(?:) {999}) {999}) {999} would pass it. Matching the text
        // is coarse (an escaped \(?x is refused too) but cannot be fooled.
        if (COMMENTS_MODE.matcher(pattern).find()) {
            throw invalid(KEY, "the pattern of '" + KEY + "' turns on comments mode ((?x)), which key patterns do not support");
        }
        if (RepetitionBound.of(pattern) > RepetitionBound.MAX) {
            throw invalid(KEY, "the pattern of '" + KEY + "' repeats too much: its counted repetitions ({n}, {n,m}),"
                    + " multiplied through their nesting, may not exceed " + RepetitionBound.MAX);
        }
        try {
            return Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw invalid(KEY, "the pattern of '" + KEY + "' is not a valid RE2 regular expression: " + abbreviate(e.getDescription()));
        }
    }

    private static FieldFilter field(String name, List<String> values) {
        List<String> path = Arrays.asList(name.substring(MATCH.length()).split("\\.", -1));
        if (path.contains("")) {
            throw invalid(name, "'" + abbreviate(name) + "' has an empty field name; write match.<field> or match.<field>.<nested field>");
        }
        List<ExpectedValue> expected = new ArrayList<>(values.size());
        for (String value : values) {
            if (value.length() > MAX_VALUE_LENGTH) {
                throw invalid(name, "the value of '" + abbreviate(name) + "' is longer than " + MAX_VALUE_LENGTH + " characters");
            }
            expected.add(new ExpectedValue(value));
        }
        return new FieldFilter(path, expected);
    }

    private static RecordFilter allOf(List<RecordFilter> conditions) {
        if (conditions.isEmpty()) {
            return NONE;
        }
        if (conditions.size() == 1) {
            return conditions.get(0);
        }
        return new AllOf(conditions.toArray(RecordFilter[]::new));
    }

    /** Every condition holds; it reads the value if any of them does. */
    static final class AllOf implements RecordFilter {

        private final RecordFilter[] all;
        private final boolean readsValue;

        AllOf(RecordFilter[] all) {
            this.all = all;
            this.readsValue = Arrays.stream(all).anyMatch(RecordFilter::readsValue);
        }

        @Override
        public boolean accept(ConsumerRecord<byte[], byte[]> record, JsonValue value) {
            for (RecordFilter condition : all) {
                if (!condition.accept(record, value)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public boolean readsValue() {
            return readsValue;
        }
    }

    private static StreamProblem invalid(String parameter, String detail) {
        return StreamProblem.badRequest("invalid-filter", "Invalid filter", detail, Map.of("parameter", abbreviate(parameter)));
    }

    private static String abbreviate(String value) {
        return value.length() <= 100 ? value : value.substring(0, 100) + "...";
    }
}
