package io.kafkasse.api;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.kafkasse.error.StreamErrors;
import io.kafkasse.request.StreamCatalog;
import io.kafkasse.source.TopicCatalog;

/**
 * {@code GET /v2/streams}: what a client may ask for. Named streams with their topics, then every topic that may be
 * requested by its own name (with an allow-list of globs, the topics on the cluster that it lets through).
 */
@Path("/streams")
@RequestScoped
public class StreamsResource {

    @Inject
    StreamCatalog streams;

    @Inject
    TopicCatalog topics;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @StreamErrors
    public JsonObject list() {
        JsonArrayBuilder named = Json.createArrayBuilder();
        for (Map.Entry<String, List<String>> stream : streams.namedStreams().entrySet()) {
            named.add(Json.createObjectBuilder()
                    .add("name", stream.getKey())
                    .add("topics", Json.createArrayBuilder(stream.getValue())));
        }
        JsonArrayBuilder servable = Json.createArrayBuilder();
        new TreeSet<>(topics.topicNames()).stream().filter(streams.allowList()::allows).forEach(servable::add);
        return Json.createObjectBuilder().add("streams", named).add("topics", servable).build();
    }
}
