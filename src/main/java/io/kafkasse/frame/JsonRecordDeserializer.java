package io.kafkasse.frame;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.kafkasse.config.ServiceConfig;
import io.kafkasse.config.ServiceConfig.ValueFormat;
import io.kafkasse.logging.ThrottledWarning;

/**
 * The default deserializer. In JSON format (the default) a record's value must be exactly one JSON document; a JSON
 * object gets a {@code _kafka} object (topic, partition, offset, timestamp, key, and headers when it has any) added, other JSON values are sent as
 * they are, and anything else (or a tombstone) is skipped and logged. In string format the value is sent as the
 * string {@code value} of an object that also carries {@code _kafka}, and a tombstone has {@code "value":null}.
 */
@ApplicationScoped
@Typed(JsonRecordDeserializer.class)
public class JsonRecordDeserializer implements RecordDeserializer {

    static final String METADATA = "_kafka";
    static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;

    private static final Logger LOG = Logger.getLogger(JsonRecordDeserializer.class.getName());

    private final JsonParserFactory parsers;
    private final JsonBuilderFactory builders;
    private final ThrottledWarning skips = new ThrottledWarning(LOG);
    private ValueFormat format = ValueFormat.JSON;
    private int maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES;

    public JsonRecordDeserializer() {
        JsonProvider provider = JsonProvider.provider();
        parsers = provider.createParserFactory(Map.of());
        builders = provider.createBuilderFactory(Map.of());
    }

    JsonRecordDeserializer(ValueFormat format) {
        this();
        this.format = format;
    }

    @Inject
    void configure(ServiceConfig config) {
        format = config.valueFormat();
        maxHeaderBytes = config.maxHeaderBytes();
    }

    @Override
    public JsonValue deserialize(ConsumerRecord<byte[], byte[]> record) {
        if (format == ValueFormat.STRING) {
            JsonObjectBuilder object = builders.createObjectBuilder();
            if (record.value() == null) {
                object.addNull("value");
            } else {
                object.add("value", new String(record.value(), StandardCharsets.UTF_8));
            }
            return object.add(METADATA, metadata(record)).build();
        }
        if (record.value() == null) {
            return null;
        }
        JsonValue value = parse(record);
        if (value != null && value.getValueType() == JsonValue.ValueType.OBJECT) {
            return builders.createObjectBuilder((JsonObject) value).add(METADATA, metadata(record)).build();
        }
        return value;
    }

    /**
     * What writes records' data straight from their bytes with this deserializer's settings, or null in string format.
     * A plain object, not a bean: the feeds' poll threads call it per record, where a container proxy's look-up and
     * bookkeeping cost a tenth of the encoding (a bean method returning {@code this} does not help: Weld hands back
     * its proxy).
     */
    public DirectEncoder directEncoder() {
        return format == ValueFormat.JSON ? new DirectEncoder(maxHeaderBytes) : null;
    }

    private JsonValue parse(ConsumerRecord<byte[], byte[]> record) {
        // Decoded to a String first: a parser over an InputStream allocates a decoder and an 8 KB byte buffer per record,
        // which was a fifth of a history reader's time.
        try (JsonParser parser = parsers.createParser(new StringReader(new String(record.value(), StandardCharsets.UTF_8)))) {
            if (!parser.hasNext()) {
                skipped(record, "empty value");
                return null;
            }
            parser.next();
            JsonValue value = parser.getValue();
            if (parser.hasNext()) {
                skipped(record, "more than one JSON document");
                return null;
            }
            return value;
        } catch (JsonException | IllegalStateException | NumberFormatException e) {
            // NumberFormatException: a number JSON-P reads but BigDecimal refuses (an exponent past its range)
            skipped(record, "not valid JSON (" + e.getMessage() + ")");
            return null;
        }
    }

    private void skipped(ConsumerRecord<byte[], byte[]> record, String reason) {
        skips.warn(() -> "Skipped record " + record.topic() + "-" + record.partition() + "@" + record.offset() + ": " + reason);
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
        if (record.headers().iterator().hasNext() && maxHeaderBytes > 0) {
            headers(record, kafka);
        }
        return kafka;
    }

    /**
     * {@code headers}: each header in order (a name may repeat) as {@code {"key", "value", "encoding"}}, the value as
     * text when it is UTF-8 ({@code "utf-8"}), else in base64 ({@code "base64"}), {@code null} for none. Headers past
     * {@code sse.max-header-bytes} (names and values together) are left out and counted in {@code headersOmitted}.
     */
    private void headers(ConsumerRecord<byte[], byte[]> record, JsonObjectBuilder kafka) {
        KeptHeaders shown = KeptHeaders.of(record, maxHeaderBytes);
        JsonArrayBuilder headers = builders.createArrayBuilder();
        for (KeptHeaders.Shown header : shown.kept()) {
            JsonObjectBuilder one = builders.createObjectBuilder().add("key", header.key());
            if (header.value() == null) {
                one.addNull("value");
            } else {
                one.add("value", header.value()).add("encoding", header.encoding());
            }
            headers.add(one);
        }
        kafka.add("headers", headers);
        if (shown.omitted() > 0) {
            kafka.add("headersOmitted", shown.omitted());
        }
    }

}
