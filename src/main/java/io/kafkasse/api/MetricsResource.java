package io.kafkasse.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

import io.kafkasse.delivery.Delivery;
import io.kafkasse.observe.ServiceMetrics;
import io.kafkasse.source.Feeds;
import io.kafkasse.source.KafkaConsumers;
import io.kafkasse.source.KafkaConsumers.Role;
import io.kafkasse.source.PartitionWindow;
import io.kafkasse.source.TopicWindows;

/**
 * {@code GET /v2/metrics}: the service's metrics in the Prometheus text format, the same on every server (apart from
 * the servers' own {@code /metrics}). The states (clients, consumers, windows, lag) are read here, at the scrape.
 */
@Path("/metrics")
@ApplicationScoped
@Operations
public class MetricsResource {

    /** The Prometheus text exposition format. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    @Inject
    ServiceMetrics metrics;

    @Inject
    Delivery delivery;

    @Inject
    Feeds feeds;

    @Inject
    KafkaConsumers consumers;

    @GET
    @Produces(PROMETHEUS_TEXT)
    public String scrape() {
        Map<String, Integer> byRole = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            byRole.put(role.name().toLowerCase(Locale.ROOT), consumers.count(role));
        }
        return metrics.scrape(new ServiceMetrics.Snapshot(delivery.clientsPerStream(), byRole, partitions(),
                delivery.waitingForHistory(), delivery.streams()));
    }

    private List<ServiceMetrics.PartitionState> partitions() {
        List<ServiceMetrics.PartitionState> states = new ArrayList<>();
        for (String topic : feeds.topics().keySet()) {
            TopicWindows windows = feeds.windowsOf(topic);
            if (windows == null) {
                continue;
            }
            for (int p = 0; p < windows.partitions(); p++) {
                PartitionWindow window = windows.window(p);
                states.add(new ServiceMetrics.PartitionState(topic, p, window.size(), window.bytes(), window.lag()));
            }
        }
        return states;
    }
}
