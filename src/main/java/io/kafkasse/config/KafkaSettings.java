package io.kafkasse.config;

import java.security.SecureRandom;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * The Kafka client properties the operator configured, with everything that could create state in Kafka removed.
 *
 * <p>Operators set any consumer property as {@code kafka.<property>} (system property, microprofile-config.properties)
 * or as an environment variable {@code KAFKA_<PROPERTY>} with dots written as underscores. The service never joins a
 * consumer group and never commits, so {@code group.id}, {@code group.instance.id} and {@code enable.auto.commit} are
 * refused, and consumers never ask the broker to create a topic.
 */
public final class KafkaSettings {

    public static final String PREFIX = "kafka.";
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

    static final Set<String> REFUSED = Set.of(
            ConsumerConfig.GROUP_ID_CONFIG,
            ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            ConsumerConfig.GROUP_PROTOCOL_CONFIG,
            ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG);

    /** Set by the service itself: the client cannot change how records are decoded or where a consumer starts. */
    static final Set<String> OWNED = Set.of(
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ConsumerConfig.CLIENT_ID_CONFIG,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG);

    private static final Logger LOG = Logger.getLogger(KafkaSettings.class.getName());
    /**
     * Ends every client id, the same for one deployment (each deployment loads this class anew): Kafka registers JMX
     * names by client id, and two deployments in one server, or a redeploy whose old clients are still closing, would
     * otherwise collide and log a warning for every client. Random, never from a request.
     */
    private static final String DEPLOYMENT = HexFormat.of().toHexDigits(new SecureRandom().nextInt());

    private final Map<String, String> common;

    private KafkaSettings(Map<String, String> common) {
        this.common = Collections.unmodifiableMap(common);
    }

    /**
     * @param configured properties already stripped of the {@code kafka.} prefix
     */
    public static KafkaSettings of(Map<String, String> configured) {
        Map<String, String> kept = new TreeMap<>();
        kept.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, DEFAULT_BOOTSTRAP_SERVERS);
        configured.forEach((key, value) -> {
            if (REFUSED.contains(key)) {
                LOG.warning(() -> "Ignoring kafka." + key + ": kafka-sse never joins a consumer group nor commits offsets,"
                        + " so nothing it does changes state in Kafka");
            } else if (OWNED.contains(key)) {
                LOG.warning(() -> "Ignoring kafka." + key + ": kafka-sse sets it itself");
            } else if (!isClientProperty(key)) {
                LOG.warning(() -> "Ignoring kafka." + key + ": not a Kafka consumer or admin client property");
            } else {
                kept.put(key, value);
            }
        });
        return new KafkaSettings(kept);
    }

    /** Maps {@code KAFKA_SSL_TRUSTSTORE_LOCATION} to {@code ssl.truststore.location}; null for other names. */
    public static String propertyFromEnvironmentName(String name) {
        if (!name.startsWith("KAFKA_") || name.length() == "KAFKA_".length()) {
            return null;
        }
        return name.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    public static boolean isClientProperty(String name) {
        return ConsumerConfig.configNames().contains(name) || AdminClientConfig.configNames().contains(name);
    }

    public String bootstrapServers() {
        return common.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG);
    }

    /**
     * How the clients reach the cluster, for the startup log: the security protocol and the SASL mechanism, never a
     * credential, a key or a password ({@code PLAINTEXT}, {@code SSL}, {@code SASL_SSL with SCRAM-SHA-512}).
     */
    public String securityDescription() {
        String protocol = common.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
        return protocol.startsWith("SASL")
                ? protocol + " with " + common.getOrDefault(SaslConfigs.SASL_MECHANISM, SaslConfigs.DEFAULT_SASL_MECHANISM)
                : protocol;
    }

    /**
     * Properties for one stream's consumer: assign() only, no group, no commits, no topic auto-creation.
     *
     * @param offsetReset where the consumer goes when retention deleted its position while streaming
     */
    public Properties consumerProperties(String clientId, String offsetReset) {
        Properties props = select(ConsumerConfig.configNames());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-" + DEPLOYMENT);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offsetReset);
        return props;
    }

    /** Properties for the metadata client that checks topics and partitions. */
    public Properties adminProperties(String clientId) {
        Properties props = select(AdminClientConfig.configNames());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId + "-" + DEPLOYMENT);
        return props;
    }

    private Properties select(Set<String> names) {
        Properties props = new Properties();
        common.forEach((key, value) -> {
            if (names.contains(key)) {
                props.put(key, value);
            }
        });
        return props;
    }

    @Override
    public String toString() {
        return "KafkaSettings" + common.keySet();
    }
}
