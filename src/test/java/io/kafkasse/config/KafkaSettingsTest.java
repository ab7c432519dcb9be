package io.kafkasse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

    @Test
    void bootstrapServersDefaultToLocalhost() {
        assertEquals("localhost:9092", KafkaSettings.of(Map.of()).bootstrapServers());
    }

    @Test
    void consumersNeverJoinAGroupNorCommitNorCreateTopics() {
        Properties consumer = KafkaSettings.of(Map.of(
                "group.id", "clients-choice",
                "group.instance.id", "x",
                "enable.auto.commit", "true",
                "allow.auto.create.topics", "true",
                "fetch.max.bytes", "1024")).consumerProperties("kafka-sse-stream-1", "earliest");

        assertFalse(consumer.containsKey("group.id"));
        assertFalse(consumer.containsKey("group.instance.id"));
        assertEquals("false", consumer.get("enable.auto.commit"));
        assertEquals("false", consumer.get("allow.auto.create.topics"));
        assertTrue(consumer.getProperty("client.id").startsWith("kafka-sse-stream-1-"), consumer.getProperty("client.id"));
        assertEquals("1024", consumer.get("fetch.max.bytes"));
    }

    @Test
    void theSecurityDescriptionNamesProtocolAndMechanismButNoSecret() {
        String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p4ss\";";

        assertEquals("PLAINTEXT", KafkaSettings.of(Map.of()).securityDescription());
        assertEquals("SSL", KafkaSettings.of(Map.of("security.protocol", "SSL", "ssl.truststore.password", "p4ss")).securityDescription());
        String sasl = KafkaSettings.of(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", jaas)).securityDescription();
        assertEquals("SASL_SSL with SCRAM-SHA-512", sasl);
    }

    @Test
    void clientIdsEndWithOneTagPerDeploymentSoThatTwoDeploymentsInOneServerNeverShareJmxNames() {
        KafkaSettings settings = KafkaSettings.of(Map.of());
        String consumer = settings.consumerProperties("kafka-sse-feed-1", "latest").getProperty("client.id");
        String admin = settings.adminProperties("kafka-sse-metadata").getProperty("client.id");

        String tag = consumer.substring("kafka-sse-feed-1-".length());
        assertTrue(tag.matches("[0-9a-f]{8}"), consumer);
        assertEquals("kafka-sse-metadata-" + tag, admin);
    }

    @Test
    void passesSecuritySettingsToBothClientsButConsumerSettingsOnlyToConsumers() {
        KafkaSettings settings = KafkaSettings.of(Map.of("security.protocol", "SSL", "max.poll.records", "10", "no.such.setting", "1"));

        assertEquals("SSL", settings.consumerProperties("c", "latest").get("security.protocol"));
        assertEquals("SSL", settings.adminProperties("a").get("security.protocol"));
        assertEquals("10", settings.consumerProperties("c", "latest").get("max.poll.records"));
        assertFalse(settings.adminProperties("a").containsKey("max.poll.records"));
        assertFalse(settings.consumerProperties("c", "latest").containsKey("no.such.setting"));
    }

    @Test
    void environmentNamesMapToPropertyNames() {
        assertEquals("ssl.truststore.location", KafkaSettings.propertyFromEnvironmentName("KAFKA_SSL_TRUSTSTORE_LOCATION"));
        assertEquals("bootstrap.servers", KafkaSettings.propertyFromEnvironmentName("KAFKA_BOOTSTRAP_SERVERS"));
        assertNull(KafkaSettings.propertyFromEnvironmentName("PATH"));
        assertNull(KafkaSettings.propertyFromEnvironmentName("KAFKA_"));
    }
}
