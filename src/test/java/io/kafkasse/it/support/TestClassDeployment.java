package io.kafkasse.it.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Names the deployment of the class about to run, before Arquillian builds it from the class's {@code @Deployment}
 * method: the archive (and so its context root) is named after the test class, and its writer follows
 * {@link SinkWriter}. The suite server's WARs were built the same way ({@code it.suite.SuiteWars}), so a class finds its
 * own WAR there.
 */
public final class TestClassDeployment implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        Deployments.describe(context.getRequiredTestClass());
    }
}
