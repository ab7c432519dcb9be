package io.kafkasse.frame;

import jakarta.json.JsonValue;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns a Kafka record into the JSON value sent to clients. A CDI bean implementing this interface in the deployment
 * replaces the default ({@link JsonRecordDeserializer}); it may inject and wrap the default. Returning null skips the
 * record; throwing skips it too, and the failure is logged.
 */
public interface RecordDeserializer {

    JsonValue deserialize(ConsumerRecord<byte[], byte[]> record) throws Exception;
}
