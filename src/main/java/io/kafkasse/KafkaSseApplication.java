package io.kafkasse;

import java.util.Map;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * Serves the HTTP API under {@code /v2} of the deployment's context path (each resource's path is relative to it). The
 * rest of the context path is the server's: the console page ({@code index.html}) and its files are static.
 */
@ApplicationPath("/v2")
public class KafkaSseApplication extends Application {

    @Override
    public Map<String, Object> getProperties() {
        // Jersey holds back the first 8 KB of a response to compute its Content-Length, and flush() does not release
        // them: a JSON stream would show nothing until 8 KB of records piled up. Other JAX-RS runtimes ignore the key.
        return Map.of("jersey.config.server.contentLength.buffer", 0);
    }
}
