package io.kafkasse;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Serves the HTTP API at the root of the deployment's context path. */
@ApplicationPath("/")
public class KafkaSseApplication extends Application {
}
