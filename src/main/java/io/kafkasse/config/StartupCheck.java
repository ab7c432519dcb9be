package io.kafkasse.config;

import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Reads the configuration when the application starts, so that a bad value fails the deployment with a message naming
 * the key instead of failing the first request. With {@code sse.exit-on-startup-failure=true} (a system property or
 * the environment variable {@code SSE_EXIT_ON_STARTUP_FAILURE}: meant for a server that runs this WAR alone, such as
 * Payara Micro or a container image) the failure also stops the JVM with status 3: Payara Micro otherwise opens its
 * port anyway and answers 500 on every path, health included, and the instance looks alive to whoever does not read its
 * log.
 */
@ApplicationScoped
public class StartupCheck {

    static final String EXIT = "sse.exit-on-startup-failure";
    static final int EXIT_STATUS = 3;

    private static final Logger LOG = Logger.getLogger(StartupCheck.class.getName());

    @Inject
    ServiceConfig config;

    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        try {
            config.heartbeatInterval();
        } catch (RuntimeException e) {
            if (exitAsked()) {
                String reason = invalidConfiguration(e);
                LOG.severe(() -> "kafka-sse could not start: " + reason + ". The server stops (" + EXIT + "=true)");
                // On a thread of its own: the deployment thread holds the server's locks, which its stop waits for.
                Thread exit = new Thread(() -> System.exit(EXIT_STATUS), "kafka-sse-startup-failure");
                exit.start();
            }
            throw e;
        }
    }

    private static boolean exitAsked() {
        return Boolean.getBoolean(EXIT) || "true".equalsIgnoreCase(System.getenv("SSE_EXIT_ON_STARTUP_FAILURE"));
    }

    /** The configuration error under the container's wrapping, or the failure itself. */
    private static String invalidConfiguration(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidConfigurationException) {
                return cause.getMessage();
            }
        }
        return String.valueOf(failure);
    }
}
