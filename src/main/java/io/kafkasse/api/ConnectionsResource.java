package io.kafkasse.api;

import java.time.Instant;
import java.util.Comparator;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.kafkasse.config.ServiceConfig;
import io.kafkasse.delivery.Delivery;
import io.kafkasse.observe.Connection;

/**
 * {@code GET /v2/connections}: each stream being served, with its request id, client address, user agent, streams,
 * age and counts. Client addresses are personal data: the list is answered only when the operator turns it on
 * ({@code sse.connections.visible=true}); otherwise the answer is 404, so that nobody learns who else is connected.
 */
@Path("/connections")
@RequestScoped
@Operations
public class ConnectionsResource {

    @Inject
    ServiceConfig config;

    @Inject
    Delivery delivery;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        if (!config.connectionsVisible()) {
            return Response.status(404).type("application/problem+json").entity(Json.createObjectBuilder()
                    .add("type", "urn:kafka-sse:problem:connections-hidden")
                    .add("title", "Connections not published")
                    .add("status", 404)
                    .add("detail", "The operator has not published the connections; sse.connections.visible=true does")
                    .add("retryable", false)
                    .build().toString()).build();
        }
        long now = System.currentTimeMillis();
        JsonArrayBuilder connections = Json.createArrayBuilder();
        delivery.connections().stream().sorted(Comparator.comparingLong(Connection::arrivedAt)).forEach(c -> {
            JsonObjectBuilder one = Json.createObjectBuilder()
                    .add("id", c.requestId())
                    .add("client", c.client())
                    .add("streams", Json.createArrayBuilder(c.streams()))
                    .add("openedAt", Instant.ofEpochMilli(c.arrivedAt()).toString())
                    .add("seconds", (now - c.arrivedAt()) / 1000)
                    .add("events", c.events())
                    .add("bytes", c.bytes());
            if (c.caller() != null) {
                one.add("caller", c.caller());
            }
            if (c.userAgent() != null) {
                one.add("agent", c.userAgent());
            }
            connections.add(one);
        });
        JsonObject body = Json.createObjectBuilder().add("connections", connections).build();
        return Response.ok(body, MediaType.APPLICATION_JSON).build();
    }
}
