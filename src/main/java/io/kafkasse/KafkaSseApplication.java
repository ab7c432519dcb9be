package io.kafkasse;

import java.util.Map;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Serves the HTTP API at the root of the deployment's context path. */
@ApplicationPath("/")
public class KafkaSseApplication extends Application {

    @Override
    public Map<String, Object> getProperties() {
        // Jersey holds back the first 8 KB of a response to compute its Content-Length, and flush() does not release
        // them: a JSON stream would show nothing until 8 KB of records piled up. Other JAX-RS runtimes ignore the key.
        return Map.of("jersey.config.server.contentLength.buffer", 0);
    }
}
