package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.kafkasse.dev.PayaraServer;
import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.TestJvmOptions;

/**
 * A deployment that cannot start does not leave a server that looks alive: Payara Micro, started as the README says
 * (with {@code -Dsse.exit-on-startup-failure=true}) and a setting the service refuses, logs the configuration error
 * naming the key and exits with status 3, instead of opening its port and answering 500 on every path. (The
 * configuration is refused before Kafka is asked anything: no broker is needed.)
 */
// Among the suite's classes (it needs no WAR there): in the own-server execution it ran while the suite server booted,
// which was free while that boot took ~105-125 s; with the suite's WARs sharing their libraries the boot takes ~65 s
// and the own-server classes outlasted it by ~30 s, this class's 22-24 s among them (CI runs 42 and 43).
class FailedStartIT {

    @Test
    void payaraMicroExitsWhenTheConfigurationIsRefused() throws Exception {
        Assumptions.assumeTrue("payara".equals(Deployments.server()),
                "the failed-start test starts Payara Micro itself; this run is on " + Deployments.server());
        Path dir = Path.of(System.getProperty("it.failed-start.dir", "target/failed-start-it")).toAbsolutePath();
        Files.createDirectories(dir);
        Path war = dir.resolve("ROOT.war");
        Deployments.builtWar(Map.of()).as(ZipExporter.class).exportTo(war.toFile(), true);
        Path log = dir.resolve("payara.log");
        PayaraServer server = PayaraServer.start(Path.of(System.getProperty("payara.micro.jar", "target/server/payara-micro.jar")),
                war, Path.of(System.getProperty("it.server.config", "server-config")), 18096, "512m", TestJvmOptions.get(),
                Map.of("kafka.bootstrap.servers", "127.0.0.1:1", "sse.heartbeat-interval", "banana",
                        "sse.exit-on-startup-failure", "true"), log);
        try {
            Integer status = server.exitWithin(Duration.ofMinutes(3));
            assertEquals(3, status, "Payara Micro's exit status (null: still running); see " + log);
            String output = Files.readString(log);
            assertTrue(output.contains("kafka-sse could not start: Invalid configuration sse.heartbeat-interval=banana"),
                    "the log names the key and the value; see " + log);
        } finally {
            server.close();
        }
    }
}
