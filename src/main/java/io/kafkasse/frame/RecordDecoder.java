package io.kafkasse.frame;

import java.util.Optional;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.kafkasse.logging.ThrottledWarning;
import io.kafkasse.observe.ServiceMetrics;

/**
 * Decodes records with the deployment's {@link RecordDeserializer} bean when there is one, else with the default.
 * A record the deserializer cannot handle is skipped, never the stream.
 */
@ApplicationScoped
public class RecordDecoder {

    private static final Logger LOG = Logger.getLogger(RecordDecoder.class.getName());

    @Inject
    Instance<RecordDeserializer> custom;

    @Inject
    JsonRecordDeserializer standard;

    @Inject
    ServiceMetrics metrics;

    private RecordDeserializer deserializer;
    /** The default deserializer's encoder when it is the one in use (JSON format): most records' data without a tree. */
    private DirectEncoder direct;
    private final ThrottledWarning failures = new ThrottledWarning(LOG);

    public RecordDecoder() {
    }

    /** A decoder with the given deserializer, for use outside a container. */
    public RecordDecoder(RecordDeserializer deserializer) {
        this.deserializer = deserializer;
        this.direct = deserializer.getClass() == JsonRecordDeserializer.class
                ? ((JsonRecordDeserializer) deserializer).directEncoder() : null;
    }

    @PostConstruct
    void choose() {
        deserializer = custom.isResolvable() ? custom.get() : standard;
        direct = deserializer == standard ? standard.directEncoder() : null;
        if (deserializer != standard) {
            LOG.info(() -> "Records are deserialized by " + deserializer.getClass().getName());
        }
    }

    /**
     * What writes records' data straight from their bytes, when the default deserializer is in use in JSON format;
     * null otherwise. A plain object: callers on the per-record path hold it rather than calling through this bean.
     */
    public DirectEncoder directEncoder() {
        return direct;
    }

    /** The record's JSON value, or empty when it is skipped. */
    public Optional<JsonValue> decode(ConsumerRecord<byte[], byte[]> record) {
        JsonValue value;
        try {
            value = deserializer.deserialize(record);
        } catch (Exception e) {
            failures.warn(() -> "Skipped record " + record.topic() + "-" + record.partition() + "@" + record.offset() + ": the deserializer failed: " + e);
            count(record, "deserializer_failed");
            return Optional.empty();
        }
        if (value == null) {
            count(record, "not_json");
        }
        return Optional.ofNullable(value);
    }

    private void count(ConsumerRecord<byte[], byte[]> record, String cause) {
        if (metrics != null) {
            metrics.skipped(record.topic(), cause);
        }
    }
}
