package io.kafkasse.it.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Whether something takes connections on a local port: for waiting until a process the test started is up. */
public final class Listening {

    private Listening() {
    }

    public static boolean on(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }
}
