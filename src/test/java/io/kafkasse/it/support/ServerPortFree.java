package io.kafkasse.it.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Waits, before a test class starts its server, until the previous class's server has let go of the HTTP port:
 * the Payara Micro container starts a server per class and stops it without waiting for the process to end, and a
 * second server on a busy port fails to start. Containers that keep one server for the suite set no port.
 */
public final class ServerPortFree implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        int port = Integer.getInteger("it.server.port", 0);
        if (port <= 0) {
            return;
        }
        Await.until(Duration.ofSeconds(60), "port " + port + " to be free for the next server", () -> free(port));
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
