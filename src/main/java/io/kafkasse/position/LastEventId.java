package io.kafkasse.position;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

import jakarta.json.JsonException;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParserFactory;

import org.apache.kafka.common.TopicPartition;

import io.kafkasse.error.StreamProblem;

/**
 * Reads the position a reconnecting client sends back as {@code Last-Event-ID} (or {@code last_event_id}). Two forms
 * are accepted:
 * <ul>
 * <li>full, as {@link Cursor#id()} writes it: {@code [{"topic":"orders","partition":0,"offset":43},...]}, where an
 * entry may carry {@code "timestamp"} (epoch milliseconds) instead of, or besides, {@code "offset"}, and with it
 * {@code "seen"}: how many records of that millisecond the client already has;</li>
 * <li>compact, for streams over many partitions: {@code {"orders":[43,17,null]}}, each topic's offsets indexed by
 * partition, {@code null} where no position is given ({@link #compact} writes it); or timestamps, each as
 * {@code [timestamp]} or {@code [timestamp,seen]} ({@link #compactTimestamps}).</li>
 * </ul>
 * The text comes from the client, so all of it is checked here before anything reaches Kafka, and every fault is a
 * 400 problem naming the entry and the field at fault.
 */
public final class LastEventId {

    static final int MAX_LENGTH = 65_536;
    static final int MAX_ENTRIES = 10_000;
    static final int MAX_TOPIC_LENGTH = 249;
    /** How deep the value of a field this parser ignores may nest; far below any JSON-P provider's own limit. */
    static final int MAX_IGNORED_DEPTH = 32;
    /** How much of the client's text a problem repeats. */
    static final int ECHO_LENGTH = 200;

    private static final int QUOTE_LENGTH = 60;
    private static final Pattern LEGAL_TOPIC = Pattern.compile("[a-zA-Z0-9._-]+");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Set<String> FIELDS = Set.of("topic", "partition", "offset", "timestamp", "seen");
    private static final String TOPIC_RULE = "1 to " + MAX_TOPIC_LENGTH + " of a-z A-Z 0-9 . _ -, not '.' or '..'";

    // Finding the provider scans the class path, so it is done once. The streaming parser rather than JsonReader:
    // a reader ignores text after the value and silently keeps the last of repeated keys, both of which must be 400s.
    private static final JsonParserFactory PARSERS = JsonProvider.provider().createParserFactory(Map.of());

    private LastEventId() {
    }

    /**
     * The positions in {@code text}, in the order given.
     *
     * @param text the header or parameter value, never null
     * @throws StreamProblem 400 {@code invalid-last-event-id} when the text is not exactly one of the two forms
     */
    public static List<RequestedPosition> parse(String text) {
        if (text.isBlank()) {
            throw invalid(text, "Last-Event-ID is empty; expected a JSON array of positions or a JSON object of offsets by topic");
        }
        if (text.length() > MAX_LENGTH) {
            throw invalid(text, "Last-Event-ID has " + text.length() + " characters; at most " + MAX_LENGTH + " are accepted");
        }
        try (JsonParser json = PARSERS.createParser(new StringReader(text))) {
            Event first = json.next();
            List<RequestedPosition> positions;
            if (first == Event.START_ARRAY) {
                positions = full(json, text);
            } else if (first == Event.START_OBJECT) {
                positions = compact(json, text);
            } else {
                throw invalid(text, "Last-Event-ID must be a JSON array of positions or a JSON object of offsets by topic, found "
                        + describe(json, first));
            }
            // Parsson already throws on a second value here; the JSON-P contract only promises hasNext().
            if (json.hasNext()) {
                throw invalid(text, "Last-Event-ID has more text after its JSON value");
            }
            return positions;
        } catch (JsonException e) {
            // The parser says what it met and where (line, column), never more than a token of the text.
            throw invalid(text, "Last-Event-ID is not valid JSON: " + Abbreviation.of(String.valueOf(e.getMessage()), ECHO_LENGTH));
        }
    }

    /**
     * Writes positions in the compact form: topics in name order, each with the offsets of its partitions 0 to its
     * highest, {@code null} for a partition not in {@code positions}. {@link #parse} reads it back to the same
     * positions. It is short when a stream reads whole topics; for a few high partitions the nulls may outweigh it.
     *
     * @throws IllegalArgumentException when {@link #parse} would refuse the result: no positions, a missing or negative
     *         offset or partition, an illegal topic name, more than {@value #MAX_ENTRIES} partitions in all, or more
     *         than {@value #MAX_LENGTH} characters
     */
    public static String compact(Map<TopicPartition, Long> positions) {
        positions.forEach((partition, offset) -> {
            if (offset == null || offset < 0) {
                throw new IllegalArgumentException("Cannot write " + partition + " at offset " + offset + " in the compact form");
            }
        });
        return compactForm(positions, (out, offset) -> out.append(offset.longValue()));
    }

    /**
     * Writes timestamp positions in the compact form: as {@link #compact}, each partition's entry an array of its
     * timestamp and, when any, how many records of that millisecond were seen: {@code {"orders":[[1765000000123,2],[1765000000456]]}}.
     *
     * @param positions per partition, {@code {timestamp, seen}}
     */
    public static String compactTimestamps(Map<TopicPartition, long[]> positions) {
        positions.forEach((partition, position) -> {
            if (position == null || position[0] < 0 || position[1] < 0 || position[1] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("Cannot write " + partition + " at that timestamp in the compact form");
            }
        });
        return compactForm(positions, (out, position) -> {
            out.append('[').append(position[0]);
            if (position[1] > 0) {
                out.append(',').append(position[1]);
            }
            out.append(']');
        });
    }

    /**
     * The compact form of positions, each written by {@code write}. Ids in this form are written for every event
     * (Cursor#id): no value goes through an intermediate string.
     */
    private static <T> String compactForm(Map<TopicPartition, T> positions, BiConsumer<StringBuilder, T> write) {
        if (positions.isEmpty()) {
            throw new IllegalArgumentException("There are no positions to write");
        }
        Map<String, Map<Integer, T>> byTopic = new TreeMap<>();
        positions.forEach((partition, value) -> {
            if (!legalTopic(partition.topic()) || partition.partition() < 0) {
                throw new IllegalArgumentException("Cannot write " + partition + " in the compact form");
            }
            byTopic.computeIfAbsent(partition.topic(), topic -> new HashMap<>()).put(partition.partition(), value);
        });
        // Count before writing: one partition 2,000,000,000 would otherwise mean two billion nulls.
        long slots = 0;
        for (Map<Integer, T> values : byTopic.values()) {
            slots += Collections.max(values.keySet()) + 1L;
        }
        if (slots > MAX_ENTRIES) {
            throw new IllegalArgumentException("The compact form would list " + slots + " partitions; at most " + MAX_ENTRIES + " are read back");
        }
        StringBuilder out = new StringBuilder((int) slots * 12 + byTopic.size() * 32).append('{');
        for (Map.Entry<String, Map<Integer, T>> topic : byTopic.entrySet()) {
            if (out.length() > 1) {
                out.append(',');
            }
            // Legal topic names need no JSON escaping.
            out.append('"').append(topic.getKey()).append("\":[");
            int last = Collections.max(topic.getValue().keySet());
            for (int partition = 0; partition <= last; partition++) {
                if (partition > 0) {
                    out.append(',');
                }
                T value = topic.getValue().get(partition);
                if (value == null) {
                    out.append("null");
                } else {
                    write.accept(out, value);
                }
            }
            out.append(']');
        }
        out.append('}');
        if (out.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("The compact form would have " + out.length() + " characters; at most " + MAX_LENGTH + " are read back");
        }
        return out.toString();
    }

    static boolean legalTopic(String name) {
        return name.length() <= MAX_TOPIC_LENGTH && LEGAL_TOPIC.matcher(name).matches() && !".".equals(name) && !"..".equals(name);
    }

    /** The full form, the parser just past its {@code [}. */
    private static List<RequestedPosition> full(JsonParser json, String text) {
        List<RequestedPosition> positions = new ArrayList<>();
        Map<TopicPartition, Integer> entryOf = new HashMap<>();
        for (Event event = json.next(); event != Event.END_ARRAY; event = json.next()) {
            int index = positions.size();
            // Today MAX_LENGTH stops a full form first (an entry takes over 30 characters); this holds if it is raised.
            if (index == MAX_ENTRIES) {
                throw invalid(text, "Last-Event-ID has more than " + MAX_ENTRIES + " entries");
            }
            if (event != Event.START_OBJECT) {
                throw invalid(text, "Entry " + index + " must be an object with topic, partition and offset or timestamp, found "
                        + describe(json, event));
            }
            RequestedPosition position = entry(json, text, index);
            Integer earlier = entryOf.putIfAbsent(position.topicPartition(), index);
            if (earlier != null) {
                throw invalid(text, "Entry " + index + ": " + position.topicPartition() + " was already given by entry " + earlier);
            }
            positions.add(position);
        }
        if (positions.isEmpty()) {
            throw invalid(text, "Last-Event-ID is an empty array; it must hold at least one position");
        }
        return List.copyOf(positions);
    }

    /** One entry of the full form, the parser just past its <code>{</code>. Its fields may come in any order. */
    private static RequestedPosition entry(JsonParser json, String text, int index) {
        String topic = null;
        Integer partition = null;
        Long offset = null;
        Long timestamp = null;
        int seen = 0;
        Set<String> given = new HashSet<>();
        for (Event event = json.next(); event != Event.END_OBJECT; event = json.next()) {
            String field = json.getString();
            Event value = json.next();
            if (!FIELDS.contains(field)) {
                skip(json, value, text, "Entry " + index + ": " + quote(field));
                continue;
            }
            String where = "Entry " + index + ": '" + field + "'";
            if (!given.add(field)) {
                throw invalid(text, where + " appears more than once");
            }
            switch (field) {
                case "topic" -> topic = topic(json, value, text, where);
                case "partition" -> partition = (int) whole(json, value, Integer.MAX_VALUE, text, where);
                // null is "not given", as in the compact form
                case "offset" -> offset = value == Event.VALUE_NULL ? null : whole(json, value, Long.MAX_VALUE, text, where);
                case "seen" -> seen = value == Event.VALUE_NULL ? 0 : (int) whole(json, value, Integer.MAX_VALUE, text, where);
                default -> timestamp = value == Event.VALUE_NULL ? null : whole(json, value, Long.MAX_VALUE, text, where);
            }
        }
        if (topic == null) {
            throw invalid(text, "Entry " + index + ": 'topic' is missing");
        }
        if (partition == null) {
            throw invalid(text, "Entry " + index + ": 'partition' is missing");
        }
        if (offset == null && timestamp == null) {
            throw invalid(text, "Entry " + index + ": 'offset' and 'timestamp' are both missing; one of them is required");
        }
        return new RequestedPosition(topic, partition, offset, timestamp, seen);
    }

    /**
     * Reads past an ignored value, an object or array in it included, without building it: JSON-P would build its
     * numbers as BigDecimals, which throws for {@code 1e9999999999} or thousands of digits, and Parsson refuses nesting
     * over 1000 levels with a bare RuntimeException, neither of them a {@link JsonException}.
     */
    private static void skip(JsonParser json, Event value, String text, String where) {
        int depth = 0;
        for (Event event = value; ; event = json.next()) {
            if (event == Event.START_OBJECT || event == Event.START_ARRAY) {
                if (++depth > MAX_IGNORED_DEPTH) {
                    throw invalid(text, where + " nests more than " + MAX_IGNORED_DEPTH + " levels deep");
                }
            } else if (event == Event.END_OBJECT || event == Event.END_ARRAY) {
                depth--;
            }
            if (depth == 0) {
                return;
            }
        }
    }

    /** The compact form, the parser just past its <code>{</code>: topics mapped to offsets indexed by partition. */
    private static List<RequestedPosition> compact(JsonParser json, String text) {
        List<RequestedPosition> positions = new ArrayList<>();
        Set<String> topics = new HashSet<>();
        int slots = 0;
        for (Event event = json.next(); event != Event.END_OBJECT; event = json.next()) {
            String topic = json.getString();
            if (!legalTopic(topic)) {
                throw invalid(text, "Topic " + quote(topic) + " is not a legal Kafka topic name: " + TOPIC_RULE);
            }
            if (!topics.add(topic)) {
                throw invalid(text, "Topic '" + topic + "' appears more than once");
            }
            Event value = json.next();
            if (value != Event.START_ARRAY) {
                throw invalid(text, "Topic '" + topic + "' must map to an array of offsets indexed by partition, found " + describe(json, value));
            }
            int partition = 0;
            for (Event element = json.next(); element != Event.END_ARRAY; element = json.next(), partition++) {
                if (++slots > MAX_ENTRIES) {
                    throw invalid(text, "Last-Event-ID has more than " + MAX_ENTRIES + " entries");
                }
                String where = "Topic '" + topic + "' partition " + partition;
                if (element == Event.START_ARRAY) {
                    positions.add(timestampEntry(json, text, topic, partition, where));
                } else if (element != Event.VALUE_NULL) {
                    long offset = whole(json, element, Long.MAX_VALUE, text, where + ": offset");
                    positions.add(new RequestedPosition(topic, partition, offset, null));
                }
            }
        }
        if (positions.isEmpty()) {
            throw invalid(text, "Last-Event-ID gives no offset; the object must give at least one");
        }
        return List.copyOf(positions);
    }

    /** A compact timestamp entry, the parser just past its <code>[</code>: {@code [timestamp]} or {@code [timestamp,seen]}. */
    private static RequestedPosition timestampEntry(JsonParser json, String text, String topic, int partition, String where) {
        long timestamp = whole(json, json.next(), Long.MAX_VALUE, text, where + ": timestamp");
        Event next = json.next();
        int seen = 0;
        if (next != Event.END_ARRAY) {
            seen = (int) whole(json, next, Integer.MAX_VALUE, text, where + ": seen");
            if (json.next() != Event.END_ARRAY) {
                throw invalid(text, where + " must be [timestamp] or [timestamp,seen]");
            }
        }
        return new RequestedPosition(topic, partition, null, timestamp, seen);
    }

    private static String topic(JsonParser json, Event value, String text, String where) {
        if (value != Event.VALUE_STRING) {
            throw invalid(text, where + " must be a string, found " + describe(json, value));
        }
        String topic = json.getString();
        if (!legalTopic(topic)) {
            throw invalid(text, where + " " + quote(topic) + " is not a legal Kafka topic name: " + TOPIC_RULE);
        }
        return topic;
    }

    /** A JSON number written in digits only, at most {@code max}: not 1.5, 1.0, 1e2, -1 nor "1". */
    private static long whole(JsonParser json, Event value, long max, String text, String where) {
        if (value == Event.VALUE_NUMBER) {
            // The number as written: JSON-P's isIntegral() goes by BigDecimal scale and would take 1.5e1 for 15.
            String digits = json.getString();
            if (DIGITS.matcher(digits).matches()) {
                try {
                    long number = Long.parseLong(digits);
                    if (number <= max) {
                        return number;
                    }
                } catch (NumberFormatException e) {
                    // beyond a long: said below
                }
                throw invalid(text, where + " is " + Abbreviation.of(digits, QUOTE_LENGTH) + ", more than the largest accepted, " + max);
            }
        }
        throw invalid(text, where + " must be a non-negative integer, found " + describe(json, value));
    }

    /** The value the parser stands on, in a few words. */
    private static String describe(JsonParser json, Event value) {
        return switch (value) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "the string " + quote(json.getString());
            case VALUE_NUMBER -> Abbreviation.of(json.getString(), QUOTE_LENGTH);
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NULL -> "null";
            default -> value.name();
        };
    }

    private static String quote(String value) {
        return "'" + Abbreviation.of(value, QUOTE_LENGTH) + "'";
    }

    private static StreamProblem invalid(String text, String reason) {
        return StreamProblem.badRequest("invalid-last-event-id", "Invalid Last-Event-ID", reason,
                Map.of("lastEventId", Abbreviation.of(text, ECHO_LENGTH)));
    }
}
