package io.kafkasse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.HealthProbe;
import io.kafkasse.it.support.OwnServer;
import io.kafkasse.it.support.StreamingIT;

/** MicroProfile Health as an orchestrator probes it: ready while Kafka answers and streams are taken; live. */
@OwnServer
@RunAsClient
class HealthIT extends StreamingIT {

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.builtWar();
    }

    @Test
    void readyWhenKafkaAnswersAndStreamsAreTaken() throws Exception {
        JsonObject check = HealthProbe.check("ready", 200);
        assertEquals("UP", check.getString("status"));
        assertEquals("answers", check.getJsonObject("data").getString("kafka"));
        assertEquals("taken", check.getJsonObject("data").getString("streams"));
    }

    @Test
    void liveWhileTheDeliveryThreadsGoRound() throws Exception {
        JsonObject check = HealthProbe.check("live", 200);
        assertEquals("UP", check.getString("status"));
        assertEquals("making progress", check.getJsonObject("data").getString("delivery-threads"));
        // Payara writes number data as a JSON string: read either.
        assertEquals("0", check.getJsonObject("data").get("unexpectedFailures").toString().replace("\"", ""));
        assertEquals("none", check.getJsonObject("data").getString("lastUnexpectedFailure"));
    }
}
