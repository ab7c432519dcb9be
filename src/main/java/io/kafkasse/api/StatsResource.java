package io.kafkasse.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.kafkasse.delivery.Delivery;
import io.kafkasse.source.Feeds;
import io.kafkasse.source.KafkaConsumers;
import io.kafkasse.source.KafkaConsumers.Role;
import io.kafkasse.source.PartitionWindow;
import io.kafkasse.source.TopicWindows;

/**
 * {@code GET /v2/stats}: the streams open right now, the Kafka consumers reading for them (feeds with at least one
 * topic, and history reads), every consumer open by role, and the windows of each topic being fed.
 */
@Path("/stats")
@RequestScoped
@Operations
public class StatsResource {

    @Inject
    Delivery delivery;

    @Inject
    Feeds feeds;

    @Inject
    KafkaConsumers consumers;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject stats() {
        JsonObjectBuilder topics = Json.createObjectBuilder();
        feeds.topics().keySet().forEach(topic -> {
            TopicWindows windows = feeds.windowsOf(topic);
            if (windows == null) {
                return;
            }
            JsonObjectBuilder partitions = Json.createObjectBuilder();
            for (int p = 0; p < windows.partitions(); p++) {
                PartitionWindow window = windows.window(p);
                partitions.add(Integer.toString(p), Json.createObjectBuilder()
                        .add("records", window.size())
                        .add("bytes", window.bytes())
                        .add("nextOffset", window.nextOffset()));
            }
            topics.add(topic, Json.createObjectBuilder().add("clients", windows.readers()).add("partitions", partitions));
        });
        return Json.createObjectBuilder()
                .add("openStreams", delivery.streams())
                .add("liveConsumers", feeds.busyFeeds() + consumers.count(Role.HISTORY))
                .add("waitingForHistory", delivery.waitingForHistory())
                .add("historyReads", consumers.openedSinceStart(Role.HISTORY))
                .add("consumers", Json.createObjectBuilder()
                        .add("feed", consumers.count(Role.FEED))
                        .add("history", consumers.count(Role.HISTORY))
                        .add("lookup", consumers.count(Role.LOOKUP)))
                .add("topics", topics)
                .build();
    }
}
