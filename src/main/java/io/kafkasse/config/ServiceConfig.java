package io.kafkasse.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

/**
 * Every setting of the service, read once from MicroProfile Config, typed and validated when the application starts
 * so that a bad value fails the deployment with a message naming the key.
 */
@ApplicationScoped
public class ServiceConfig {

    static final String HEARTBEAT_INTERVAL = "sse.heartbeat-interval";
    static final String KAFKA_TIMEOUT = "sse.kafka-timeout";
    static final String WRITE_TIMEOUT = "sse.write-timeout";
    static final String EXECUTOR = "sse.executor";

    static final String DEFAULT_EXECUTOR = "concurrent/kafka-sse";

    private static final Logger LOG = Logger.getLogger(ServiceConfig.class.getName());

    @Inject
    Config config;

    private Duration heartbeatInterval;
    private Duration kafkaTimeout;
    private Duration writeTimeout;
    private String executor;
    private KafkaSettings kafka;

    @PostConstruct
    void read() {
        heartbeatInterval = duration(HEARTBEAT_INTERVAL, "15s");
        kafkaTimeout = duration(KAFKA_TIMEOUT, "10s");
        writeTimeout = duration(WRITE_TIMEOUT, "30s");
        executor = config.getOptionalValue(EXECUTOR, String.class).orElse(DEFAULT_EXECUTOR);
        kafka = KafkaSettings.of(kafkaProperties());
        LOG.info(() -> "kafka-sse configured: bootstrap servers " + kafka.bootstrapServers()
                + ", heartbeat every " + heartbeatInterval.toMillis() + " ms, Kafka timeout " + kafkaTimeout.toMillis()
                + " ms, executor " + executor);
    }

    /** Forces the configuration to be read at deployment, so a bad value fails fast instead of on the first request. */
    void validateAtStartup(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        heartbeatInterval();
    }

    /** How long a stream may stay silent before a comment is written; also bounds how long a vanished client goes unnoticed. */
    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    /** The longest a request waits for Kafka metadata or offsets before answering 503. */
    public Duration kafkaTimeout() {
        return kafkaTimeout;
    }

    /** The longest one write to a client may take before the client is considered gone. */
    public Duration writeTimeout() {
        return writeTimeout;
    }

    /** JNDI name of the managed executor that runs the streams. */
    public String executor() {
        return executor;
    }

    public KafkaSettings kafka() {
        return kafka;
    }

    private Duration duration(String key, String defaultValue) {
        return Durations.parse(key, config.getOptionalValue(key, String.class).orElse(defaultValue));
    }

    private Map<String, String> kafkaProperties() {
        Map<String, String> properties = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            String property = name.startsWith(KafkaSettings.PREFIX) ? name.substring(KafkaSettings.PREFIX.length()) : null;
            if (property == null) {
                // Environment variables such as KAFKA_HEAP_OPTS belong to other tools: only known client properties count.
                property = KafkaSettings.propertyFromEnvironmentName(name);
                if (property == null || !KafkaSettings.isClientProperty(property)) {
                    continue;
                }
            }
            String key = KafkaSettings.PREFIX + property;
            // Read through the prefixed name so MicroProfile Config applies its source ordinals.
            config.getOptionalValue(key, String.class).ifPresent(value -> properties.put(key.substring(KafkaSettings.PREFIX.length()), value));
        }
        return properties;
    }
}
