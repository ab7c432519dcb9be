package io.kafkasse.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import io.kafkasse.it.support.Deployments;
import io.kafkasse.it.support.SecureKafka;

/** {@link KafkaOverSecureListenerIT} with SCRAM-SHA-512 over TLS: the {@code SASL_SSL} listener. */
class KafkaOverSaslSslIT extends KafkaOverSecureListenerIT {

    @Deployment(testable = false)
    static WebArchive war() {
        // Above the suite server's own broker address (a system property, ordinal 400).
        return Deployments.builtWar(SecureKafka.serviceConfig("SASL_SSL", SecureKafka.PASSWORD), 500);
    }
}
