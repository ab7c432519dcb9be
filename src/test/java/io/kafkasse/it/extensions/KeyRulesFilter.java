package io.kafkasse.it.extensions;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonValue;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.kafkasse.filter.RecordFilter;

/** A deployment's own filter: drops records keyed "drop-...", and fails on a record keyed "boom". */
@ApplicationScoped
public class KeyRulesFilter implements RecordFilter {

    @Override
    public boolean accept(ConsumerRecord<byte[], byte[]> record, JsonValue value) {
        String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
        if (key.equals("boom")) {
            throw new IllegalStateException("the filter cannot handle this record");
        }
        return !key.startsWith("drop-");
    }
}
