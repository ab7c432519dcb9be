package io.kafkasse.it.support;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The suite's second broker, for the tests of Kafka over TLS and SASL: one KRaft node whose listeners take TLS
 * ({@code SSL}), SCRAM-SHA-512 over TLS ({@code SASL_SSL}), SCRAM-SHA-512 in the clear ({@code SASL_PLAINTEXT}), and,
 * for the tests' own producer and admin, nothing ({@code PLAINTEXT}). Its CA and broker certificate are generated for
 * each run ({@code io.kafkasse.it.suite.SecureBroker}). Fixed ports: each test WAR's configuration names its listener
 * before the broker runs.
 */
public final class SecureKafka {

    public static final int PLAINTEXT_PORT = 19192;
    public static final int SSL_PORT = 19193;
    public static final int SASL_SSL_PORT = 19194;
    public static final int SASL_PLAINTEXT_PORT = 19195;
    public static final int CONTROLLER_PORT = 19196;
    public static final String USER = "kafka-sse";
    /** Distinctive, so that a test can look for them in every answer and log: they must appear in none. */
    public static final String PASSWORD = "scram-secret-6f1d93";
    public static final String STORE_PASSWORD = "store-secret-2b7e40";

    private SecureKafka() {
    }

    /** Where the broker keeps its data, certificates and log (under the suite directory). */
    public static Path dir() {
        return Path.of(System.getProperty("it.suite.dir", "target/suite")).toAbsolutePath().resolve("secure-kafka");
    }

    /** The CA certificate, as a PKCS12 trust store: what an operator hands the service. */
    public static Path truststore() {
        return dir().resolve("truststore.p12");
    }

    public static String plaintextBootstrap() {
        return "127.0.0.1:" + PLAINTEXT_PORT;
    }

    /**
     * The service's settings for one listener, as an operator writes them ({@code kafka.} and the client property):
     * {@code SSL}, {@code SASL_SSL} or {@code SASL_PLAINTEXT}, with the SCRAM user's password as given.
     */
    public static Map<String, String> serviceConfig(String protocol, String password) {
        Map<String, String> config = new LinkedHashMap<>();
        int port = switch (protocol) {
            case "SSL" -> SSL_PORT;
            case "SASL_SSL" -> SASL_SSL_PORT;
            case "SASL_PLAINTEXT" -> SASL_PLAINTEXT_PORT;
            default -> throw new IllegalArgumentException(protocol);
        };
        config.put("kafka.bootstrap.servers", "127.0.0.1:" + port);
        config.put("kafka.security.protocol", protocol);
        if (protocol.endsWith("SSL")) {
            config.put("kafka.ssl.truststore.location", truststore().toString());
            config.put("kafka.ssl.truststore.type", "PKCS12");
            config.put("kafka.ssl.truststore.password", STORE_PASSWORD);
        }
        if (protocol.startsWith("SASL")) {
            config.put("kafka.sasl.mechanism", "SCRAM-SHA-512");
            config.put("kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                    + " username=\"" + USER + "\" password=\"" + password + "\";");
        }
        return config;
    }
}
