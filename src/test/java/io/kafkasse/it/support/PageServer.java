package io.kafkasse.it.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/**
 * Serves one HTML page from an origin of its own ({@code http://127.0.0.1:<port>}), so that a browser test can act as a
 * page of another site than the service's.
 */
public final class PageServer implements AutoCloseable {

    private final int port;
    private HttpServer server;

    private PageServer(int port) {
        this.port = port;
    }

    /**
     * A page server on a fixed port, so that its origin is known before anything runs: the deployment's configuration
     * lists it, and the suite server's WAR was built with the same list. {@link #serve} fails if the port is taken.
     */
    public static PageServer onPort(int port) {
        return new PageServer(port);
    }

    public String origin() {
        return "http://127.0.0.1:" + port;
    }

    public PageServer serve(String html) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return this;
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
