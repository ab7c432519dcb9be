package io.kafkasse.position;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import org.apache.kafka.common.TopicPartition;

import io.kafkasse.error.StreamProblem;

/**
 * Reads the positions a client resumes from, as it sends them back in {@code Last-Event-ID} (or
 * {@code last_event_id}). Two forms are accepted:
 * <ul>
 * <li>the id our events carry: {@code [{"topic":"t","partition":0,"offset":42}, ...]}, where an entry may carry
 * {@code "timestamp"} (epoch milliseconds) instead of, or as well as, {@code "offset"} (the offset wins);</li>
 * <li>the compact form {@code {"t":[42,17,null]}}: per topic, the offsets by partition number, {@code null} for a
 * partition without a position. It keeps ids of many partitions well under header size limits.</li>
 * </ul>
 * Anything else is a 400 that says which entry and field is wrong.
 */
public final class LastEventId {

    static final int MAX_LENGTH = 65_536;
    static final int MAX_ENTRIES = 10_000;

    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final JsonReaderFactory READERS = JsonProvider.provider().createReaderFactory(Map.of());

    private LastEventId() {
    }

    public static List<RequestedPosition> parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw invalid(text, "it is longer than " + MAX_LENGTH + " characters");
        }
        JsonValue json;
        try (var reader = READERS.createReader(new StringReader(text))) {
            json = reader.readValue();
        } catch (JsonException | IllegalStateException e) {
            throw invalid(text, "it is not JSON");
        }
        List<RequestedPosition> positions = switch (json.getValueType()) {
            case ARRAY -> entries(text, json.asJsonArray());
            case OBJECT -> compact(text, json.asJsonObject());
            default -> throw invalid(text, "expected a JSON array of positions or the compact object form");
        };
        if (positions.isEmpty()) {
            throw invalid(text, "it names no position");
        }
        Set<TopicPartition> seen = new HashSet<>();
        for (RequestedPosition position : positions) {
            if (!seen.add(position.topicPartition())) {
                throw invalid(text, "partition " + position.partition() + " of topic '" + position.topic() + "' appears twice");
            }
        }
        return positions;
    }

    /** The compact form of these positions: per topic, the offsets by partition number. */
    public static String compact(Map<TopicPartition, Long> positions) {
        Map<String, Map<Integer, Long>> byTopic = new TreeMap<>();
        positions.forEach((partition, offset) ->
                byTopic.computeIfAbsent(partition.topic(), t -> new TreeMap<>()).put(partition.partition(), offset));
        StringBuilder json = new StringBuilder("{");
        byTopic.forEach((topic, offsets) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(topic).append("\":[");
            int last = ((TreeMap<Integer, Long>) offsets).lastKey();
            for (int partition = 0; partition <= last; partition++) {
                if (partition > 0) {
                    json.append(',');
                }
                Long offset = offsets.get(partition);
                json.append(offset == null ? "null" : offset.toString());
            }
            json.append(']');
        });
        return json.append('}').toString();
    }

    private static List<RequestedPosition> entries(String text, JsonArray array) {
        if (array.size() > MAX_ENTRIES) {
            throw invalid(text, "it has more than " + MAX_ENTRIES + " entries");
        }
        List<RequestedPosition> positions = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String where = "entry " + i;
            if (array.get(i).getValueType() != JsonValue.ValueType.OBJECT) {
                throw invalid(text, where + " is not an object");
            }
            JsonObject entry = array.getJsonObject(i);
            JsonValue topic = entry.get("topic");
            if (!(topic instanceof JsonString name) || !TOPIC.matcher(name.getString()).matches()) {
                throw invalid(text, where + " needs \"topic\": a topic name");
            }
            int partition = (int) whole(text, entry.get("partition"), where + " \"partition\"", Integer.MAX_VALUE, true);
            Long offset = entry.containsKey("offset") ? whole(text, entry.get("offset"), where + " \"offset\"", Long.MAX_VALUE, true) : null;
            Long timestamp = entry.containsKey("timestamp")
                    ? whole(text, entry.get("timestamp"), where + " \"timestamp\"", Long.MAX_VALUE, true) : null;
            if (offset == null && timestamp == null) {
                throw invalid(text, where + " needs \"offset\" or \"timestamp\"");
            }
            positions.add(new RequestedPosition(name.getString(), partition, offset, timestamp));
        }
        return positions;
    }

    private static List<RequestedPosition> compact(String text, JsonObject object) {
        List<RequestedPosition> positions = new ArrayList<>();
        for (Map.Entry<String, JsonValue> topic : object.entrySet()) {
            if (!TOPIC.matcher(topic.getKey()).matches()) {
                throw invalid(text, "'" + abbreviate(topic.getKey()) + "' is not a topic name");
            }
            if (topic.getValue().getValueType() != JsonValue.ValueType.ARRAY) {
                throw invalid(text, "the offsets of topic '" + topic.getKey() + "' must be an array");
            }
            JsonArray offsets = topic.getValue().asJsonArray();
            for (int partition = 0; partition < offsets.size(); partition++) {
                if (positions.size() >= MAX_ENTRIES) {
                    throw invalid(text, "it has more than " + MAX_ENTRIES + " entries");
                }
                JsonValue offset = offsets.get(partition);
                if (offset.getValueType() != JsonValue.ValueType.NULL) {
                    long value = whole(text, offset, "offset of " + topic.getKey() + "-" + partition, Long.MAX_VALUE, false);
                    positions.add(new RequestedPosition(topic.getKey(), partition, value, null));
                }
            }
        }
        return positions;
    }

    private static long whole(String text, JsonValue value, String what, long max, boolean required) {
        if (value == null && required) {
            throw invalid(text, what + " is missing");
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
            throw invalid(text, what + " must be a whole number");
        }
        try {
            long whole = number.bigIntegerValueExact().longValueExact();
            if (whole < 0 || whole > max) {
                throw invalid(text, what + " must be between 0 and " + max);
            }
            return whole;
        } catch (ArithmeticException e) {
            throw invalid(text, what + " is out of range");
        }
    }

    private static StreamProblem invalid(String text, String reason) {
        return StreamProblem.badRequest("invalid-last-event-id", "Invalid Last-Event-ID",
                "Last-Event-ID must be the id of an event of this service: " + reason, Map.of("lastEventId", abbreviate(text)));
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
