package io.kafkasse.delivery;

import java.util.logging.Logger;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;

import io.kafkasse.config.ServiceConfig;

/**
 * The managed executor that runs the streams: the one named by {@code sse.executor} (each server's configuration in
 * {@code server-config/} creates it, sized for the feeds, senders and history reads), else the server's default.
 */
@ApplicationScoped
public class StreamExecutor {

    static final String DEFAULT = "java:comp/DefaultManagedExecutorService";

    private static final Logger LOG = Logger.getLogger(StreamExecutor.class.getName());

    @Inject
    ServiceConfig config;

    private ManagedExecutorService executor;

    @PostConstruct
    void lookUp() {
        try {
            executor = InitialContext.doLookup(config.executor());
            LOG.info(() -> "Streams run on managed executor " + config.executor());
        } catch (NamingException e) {
            try {
                executor = InitialContext.doLookup(DEFAULT);
            } catch (NamingException missing) {
                throw new IllegalStateException("No managed executor: neither " + config.executor() + " nor " + DEFAULT, missing);
            }
            LOG.warning(() -> "Managed executor " + config.executor() + " not found; streams run on the server's default"
                    + " executor, whose pool may be too small for the service's long-running loops. Create it as server-config/ shows.");
        }
    }

    public void execute(Runnable task) {
        executor.execute(task);
    }
}
