package io.kafkasse.it.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.descriptor.api.Descriptor;

/**
 * Arquillian's view of the suite server ({@link SuiteServer}), which the build started with every sharing class's WAR
 * deployed at boot. Deploying a class's archive finds that WAR at its context root (the archive's name), after
 * checking that it holds exactly what the class's {@code @Deployment} method builds now (same digest), and waits until
 * it answers (the server may still be starting); undeploying leaves it to the build, which stops the server. Classes run as clients ({@code testable = false}).
 */
public final class SuiteContainer implements DeployableContainer<SuiteContainerConfiguration> {

    static final String DIGEST_SUFFIX = ".sha256";
    /** How long a class waits for its WAR: the whole server's start, with every WAR, on a busy machine. */
    private static final Duration START = Duration.ofMinutes(6);

    private SuiteContainerConfiguration configuration;

    @Override
    public Class<SuiteContainerConfiguration> getConfigurationClass() {
        return SuiteContainerConfiguration.class;
    }

    @Override
    public void setup(SuiteContainerConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public void start() {
        // The build started the server.
    }

    @Override
    public void stop() {
        // The build stops the server.
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return new ProtocolDescription("Local");
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        String name = archive.getName().replaceFirst("\\.war$", "");
        Path digest = Path.of(configuration.getDeployments()).resolve(name + DIGEST_SUFFIX);
        try {
            if (!Files.isRegularFile(digest)) {
                throw new DeploymentException("The suite server has no WAR " + name + ": it was started without this"
                        + " class (the build's it.test selection), or the class is @OwnServer");
            }
            if (!Files.readString(digest).equals(ArchiveDigest.of(archive))) {
                throw new DeploymentException("The suite server's " + name + ".war differs from what " + name
                        + "'s @Deployment builds now: start the suite server again (mvn verify)");
            }
        } catch (IOException e) {
            throw new DeploymentException("Reading " + digest, e);
        }
        awaitAnswer(name);
        HTTPContext context = new HTTPContext("127.0.0.1", configuration.getPort());
        context.add(new Servlet("default", "/" + name));
        return new ProtocolMetaData().addContext(context);
    }

    /** The build started the server without waiting for it: the class's WAR is ready once it answers. */
    private void awaitAnswer(String name) throws DeploymentException {
        Path suiteDir = Path.of(configuration.getDeployments()).getParent();
        long deadline = System.nanoTime() + START.toNanos();
        while (!SuiteServer.answers(configuration.getPort(), name)) {
            String failed = WildFlyLaunch.failure(suiteDir, name);
            if (failed != null || !SuiteServer.serverRunning(suiteDir) || System.nanoTime() > deadline) {
                throw new DeploymentException((failed != null ? name + " failed to deploy: " + failed
                        : SuiteServer.serverRunning(suiteDir) ? name + " did not answer within " + START
                        : "The suite server is not running") + "; see its log in " + suiteDir);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeploymentException("Interrupted while waiting for " + name, e);
            }
        }
    }

    @Override
    public void undeploy(Archive<?> archive) {
        // Deployed for the whole run.
    }

    @Override
    public void deploy(Descriptor descriptor) throws DeploymentException {
        throw new DeploymentException("The suite server takes archives only");
    }

    @Override
    public void undeploy(Descriptor descriptor) throws DeploymentException {
        throw new DeploymentException("The suite server takes archives only");
    }
}
