package io.kafkasse.it.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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

    /** Reserves a free port now (its origin can go into the deployment's configuration); serves once started. */
    public static PageServer onFreePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return new PageServer(probe.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
