package io.kafkasse.dev;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;

/** Waits for a server process to serve the WAR: {@code /v2/stats} answers 200 (the WAR is deployed and served). */
public final class StatsProbe {

    private StatsProbe() {
    }

    /**
     * @param root    the WAR's address, such as {@code http://127.0.0.1:8080/name}
     * @param process the server's process: waiting ends, with the reason, if it exits
     * @param where   where to look when it fails (its log)
     */
    public static void awaitServing(String root, Process process, Duration timeout, String where) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI stats = URI.create(root + "/v2/stats");
        while (System.nanoTime() - deadline < 0) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The server exited while starting; see " + where);
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) stats.toURL().openConnection();
                connection.setConnectTimeout(1000);
                connection.setReadTimeout(5000);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("The server did not serve " + stats + " within " + timeout + "; see " + where);
    }
}
