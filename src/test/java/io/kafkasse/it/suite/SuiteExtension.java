package io.kafkasse.it.suite;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Registers {@link SuiteContainer} when the run is on a suite container ({@code arquillian.launch} ends with
 * {@code -suite}). Arquillian takes one container adapter per test JVM: the suite's failsafe execution leaves the
 * server's own adapter off its classpath (pom.xml, {@code it.adapter}), and the own-server execution does not register
 * this one.
 */
public final class SuiteExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        if (System.getProperty("arquillian.launch", "").endsWith("-suite")) {
            builder.service(DeployableContainer.class, SuiteContainer.class);
        }
    }
}
