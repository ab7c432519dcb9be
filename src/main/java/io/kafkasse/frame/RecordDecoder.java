package io.kafkasse.frame;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns a Kafka record into the {@code data} of an event: its JSON value, written compactly on one line, with a
 * {@code _kafka} object (topic, partition, offset, timestamp, key) added when the value is a JSON object. A value that
 * is not exactly one JSON document is skipped and logged.
 */
@ApplicationScoped
public class RecordDecoder {

    static final String METADATA = "_kafka";

    private static final Logger LOG = Logger.getLogger(RecordDecoder.class.getName());

    private final JsonParserFactory parsers;
    private final JsonBuilderFactory builders;
    private final SkipLog skips = new SkipLog(LOG);

    public RecordDecoder() {
        JsonProvider provider = JsonProvider.provider();
        parsers = provider.createParserFactory(Map.of());
        builders = provider.createBuilderFactory(Map.of());
    }

    /** The event data for this record, or empty when the record cannot be sent as JSON. */
    public Optional<String> decode(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return Optional.empty();
        }
        JsonValue value = parse(record);
        if (value == null) {
            return Optional.empty();
        }
        if (value.getValueType() == JsonValue.ValueType.OBJECT) {
            value = builders.createObjectBuilder((JsonObject) value).add(METADATA, metadata(record)).build();
        }
        return Optional.of(value.toString());
    }

    private JsonValue parse(ConsumerRecord<byte[], byte[]> record) {
        try (JsonParser parser = parsers.createParser(new ByteArrayInputStream(record.value()), StandardCharsets.UTF_8)) {
            if (!parser.hasNext()) {
                skips.skipped(record, "empty value");
                return null;
            }
            parser.next();
            JsonValue value = parser.getValue();
            if (parser.hasNext()) {
                skips.skipped(record, "more than one JSON document");
                return null;
            }
            return value;
        } catch (JsonException | IllegalStateException e) {
            skips.skipped(record, "not valid JSON (" + e.getMessage() + ")");
            return null;
        }
    }

    private JsonObjectBuilder metadata(ConsumerRecord<byte[], byte[]> record) {
        JsonObjectBuilder kafka = builders.createObjectBuilder()
                .add("topic", record.topic())
                .add("partition", record.partition())
                .add("offset", record.offset())
                .add("timestamp", record.timestamp());
        if (record.key() == null) {
            kafka.addNull("key");
        } else {
            kafka.add("key", new String(record.key(), StandardCharsets.UTF_8));
        }
        return kafka;
    }
}
