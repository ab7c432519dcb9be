package io.kafkasse.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import io.kafkasse.auth.Caller;
import io.kafkasse.auth.StreamAccess;
import io.kafkasse.config.TokenSettings;
import io.kafkasse.error.StreamErrors;
import io.kafkasse.request.NameAccess;
import io.kafkasse.request.StreamCatalog;
import io.kafkasse.source.TopicCatalog;

/**
 * {@code GET /v2/streams}: what a client may ask for. Named streams with their topics, then every topic that may be
 * requested by its own name (with an allow-list of globs, the topics on the cluster that it lets through). With access
 * rules, only what the caller may read (a missing or refused token: what anyone may read), and where the service reads
 * a token from, for pages that must put it somewhere their EventSource sends it.
 */
@Path("/streams")
@RequestScoped
public class StreamsResource {

    @Inject
    StreamCatalog streams;

    @Inject
    TopicCatalog topics;

    @Inject
    StreamAccess access;

    @Inject
    NameAccess names;

    @Context
    HttpServletRequest http;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @StreamErrors
    public JsonObject list() {
        Optional<Caller> caller = access.rules().protectsStreams() ? access.identifyIfAble(access.tokenOf(http)) : Optional.empty();
        JsonArrayBuilder named = Json.createArrayBuilder();
        for (Map.Entry<String, List<String>> stream : streams.namedStreams().entrySet()) {
            if (!names.mayList(stream.getKey(), caller)) {
                continue;
            }
            named.add(Json.createObjectBuilder()
                    .add("name", stream.getKey())
                    .add("topics", Json.createArrayBuilder(stream.getValue())));
        }
        JsonArrayBuilder servable = Json.createArrayBuilder();
        new TreeSet<>(topics.topicNames()).stream().filter(streams.allowList()::allows)
                .filter(topic -> names.mayList(topic, caller)).forEach(servable::add);
        return Json.createObjectBuilder().add("streams", named).add("topics", servable).add("auth", auth(caller)).build();
    }

    /** Whether tokens are read, and from where besides {@code Authorization}; and who the caller's token says it is. */
    private JsonObjectBuilder auth(Optional<Caller> caller) {
        TokenSettings tokens = access.tokens();
        JsonObjectBuilder auth = Json.createObjectBuilder().add("tokens", tokens.enabled())
                .add("required", access.rules().required())
                .add("queryParameter", tokens.queryParameter());
        tokens.cookie().ifPresentOrElse(cookie -> auth.add("cookie", cookie), () -> auth.addNull("cookie"));
        caller.ifPresent(c -> auth.add("caller", c.name()));
        return auth;
    }
}
