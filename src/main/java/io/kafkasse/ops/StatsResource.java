package io.kafkasse.ops;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.kafkasse.consumer.LiveStreams;

/** {@code GET /v2/stats}: how many streams and Kafka consumers are open right now (equal in the dedicated mode). */
@Path("/v2/stats")
@RequestScoped
public class StatsResource {

    @Inject
    LiveStreams live;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject stats() {
        return Json.createObjectBuilder()
                .add("openStreams", live.streams())
                .add("liveConsumers", live.consumers())
                .build();
    }
}
