package io.kafkasse.it.suite;

import java.nio.file.Files;
import java.nio.file.Path;

import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

/** {@code arquillian.xml}'s settings for {@link SuiteContainer}: the suite server's HTTP port and its WARs' directory. */
public final class SuiteContainerConfiguration implements ContainerConfiguration {

    private int port;
    private String deployments;

    @Override
    public void validate() throws ConfigurationException {
        if (port <= 0) {
            throw new ConfigurationException("port: the suite server's HTTP port must be set");
        }
        if (deployments == null || !Files.isDirectory(Path.of(deployments))) {
            throw new ConfigurationException("No suite server WARs in " + deployments
                    + ": the build starts the suite server (mvn verify); a test class alone cannot");
        }
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public String getDeployments() {
        return deployments;
    }

    public void setDeployments(String deployments) {
        this.deployments = deployments;
    }
}
