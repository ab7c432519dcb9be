package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.HealthProbe;
import io.kafkasse.it.support.OwnServer;
import io.kafkasse.it.support.StreamingIT;

/**
 * A server whose broker cannot be reached is not ready (a load balancer sends its clients elsewhere) but live (a
 * supervisor must not restart it for an outage of Kafka). On a server of its own: readiness is the whole server's,
 * and the suite server's, which runs every check of a few dozen WARs one after the other, took more than 20 s to
 * answer on Open Liberty.
 */
@OwnServer
class KafkaUnreachableHealthIT extends StreamingIT {

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.builtWar(Map.of("kafka.bootstrap.servers", KafkaUnreachableIT.NOWHERE, "sse.kafka-timeout", "1s"), 500);
    }

    @Test
    @Timeout(60)
    void withKafkaAwayTheServiceIsNotReadyButLive() throws Exception {
        JsonObject ready = HealthProbe.check("ready", 503);
        assertEquals("DOWN", ready.getString("status"));
        assertTrue(ready.getJsonObject("data").getString("kafka").startsWith("does not answer"), ready.toString());
        assertEquals("UP", HealthProbe.check("live", 200).getString("status"), "a broker outage never makes it not live");
    }
}
