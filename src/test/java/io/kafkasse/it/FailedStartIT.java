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
import io.kafkasse.it.support.OwnServer;
import io.kafkasse.it.support.TestJvmOptions;

/**
 * A deployment that cannot start does not leave a server that looks alive: Payara Micro, started as the README says
 * (with {@code -Dsse.exit-on-startup-failure=true}) and a setting the service refuses, logs the configuration error
 * naming the key and exits with status 3, instead of opening its port and answering 500 on every path. (The
 * configuration is refused before Kafka is asked anything: no broker is needed.)
 */
// Own-server: it starts its own Payara Micro, and in that execution it runs while the suite server boots (on Payara
// Micro the own-server classes take ~90 s of the suite server's ~105-125 s boot), not among the suite's classes.
// (BalancedInstancesIT there as well made that execution outlast the boot by ~25 s: no gain, CI run 33.)
@OwnServer
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
