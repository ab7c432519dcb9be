package io.kafkasse.it.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import io.kafkasse.dev.DevProcesses;
import io.kafkasse.it.support.RestartableBroker;
import io.kafkasse.it.support.SecureKafka;

/**
 * The suite's secure broker ({@link SecureKafka}) in a JVM of its own, started by {@link SuiteServer} when a selected
 * class needs it: {@code SecureBroker <dir>} generates a CA and a broker certificate for 127.0.0.1 with the JDK's
 * {@code keytool}, formats a KRaft node whose SCRAM-SHA-512 user exists from the start, and runs it until the
 * process is stopped. Everything is under {@code dir}: a run starts from nothing.
 */
public final class SecureBroker {

    private SecureBroker() {
    }

    public static void main(String[] args) throws Exception {
        DevProcesses.quietKafkaLogs();
        Path dir = Path.of(args[0]);
        SuiteFiles.empty(dir);
        Files.createDirectories(dir);
        certificates(dir);
        Path config = dir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(config)) {
            properties(dir).store(out, "the suite's secure broker");
        }
        int formatted = kafka.tools.StorageTool.execute(new String[] {"format", "-t", UUID.randomUUID().toString(),
                "-c", config.toString(), "--add-scram",
                "SCRAM-SHA-512=[name=" + SecureKafka.USER + ",password=" + SecureKafka.PASSWORD + "]"}, System.out);
        if (formatted != 0) {
            throw new IllegalStateException("Formatting the secure broker's storage failed: " + formatted);
        }
        kafka.Kafka.main(new String[] {config.toString()});
    }

    private static Properties properties(Path dir) {
        String host = "127.0.0.1:";
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@" + host + SecureKafka.CONTROLLER_PORT);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("listeners", "PLAINTEXT://" + host + SecureKafka.PLAINTEXT_PORT
                + ",SSL://" + host + SecureKafka.SSL_PORT
                + ",SASL_SSL://" + host + SecureKafka.SASL_SSL_PORT
                + ",SASL_PLAINTEXT://" + host + SecureKafka.SASL_PLAINTEXT_PORT
                + ",CONTROLLER://" + host + SecureKafka.CONTROLLER_PORT);
        p.setProperty("advertised.listeners", "PLAINTEXT://" + host + SecureKafka.PLAINTEXT_PORT
                + ",SSL://" + host + SecureKafka.SSL_PORT
                + ",SASL_SSL://" + host + SecureKafka.SASL_SSL_PORT
                + ",SASL_PLAINTEXT://" + host + SecureKafka.SASL_PLAINTEXT_PORT);
        p.setProperty("listener.security.protocol.map",
                "PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_SSL:SASL_SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("sasl.enabled.mechanisms", "SCRAM-SHA-512");
        String scram = "org.apache.kafka.common.security.scram.ScramLoginModule required;";
        p.setProperty("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", scram);
        p.setProperty("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config", scram);
        p.setProperty("ssl.keystore.location", dir.resolve("broker.p12").toString());
        p.setProperty("ssl.keystore.type", "PKCS12");
        p.setProperty("ssl.keystore.password", SecureKafka.STORE_PASSWORD);
        p.setProperty("ssl.key.password", SecureKafka.STORE_PASSWORD);
        RestartableBroker.oneNode(p, dir);
        return p;
    }

    /** A CA, a broker key pair it signs for 127.0.0.1 and localhost, and the CA alone as the clients' trust store. */
    private static void certificates(Path dir) throws IOException, InterruptedException {
        String pass = SecureKafka.STORE_PASSWORD;
        String ca = dir.resolve("ca.p12").toString();
        String broker = dir.resolve("broker.p12").toString();
        String caCert = dir.resolve("ca.crt").toString();
        String csr = dir.resolve("broker.csr").toString();
        String brokerCert = dir.resolve("broker.crt").toString();
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=kafka-sse test CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", ca, "-storetype", "PKCS12", "-storepass", pass);
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca, "-storepass", pass, "-file", caCert);
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-validity", "2", "-keystore", broker, "-storetype", "PKCS12", "-storepass", pass);
        keytool("-certreq", "-alias", "broker", "-keystore", broker, "-storepass", pass, "-file", csr);
        keytool("-gencert", "-alias", "ca", "-keystore", ca, "-storepass", pass, "-infile", csr, "-outfile", brokerCert,
                "-rfc", "-validity", "2", "-ext", "SAN=ip:127.0.0.1,dns:localhost");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caCert, "-keystore", broker, "-storepass", pass);
        keytool("-importcert", "-noprompt", "-alias", "broker", "-file", brokerCert, "-keystore", broker, "-storepass", pass);
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caCert, "-keystore", dir.resolve("truststore.p12").toString(),
                "-storetype", "PKCS12", "-storepass", pass);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
