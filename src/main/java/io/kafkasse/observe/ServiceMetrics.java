package io.kafkasse.observe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Every metric of the service, in one registry of its own (never Micrometer's global one: a redeployed WAR would find
 * the old meters there), written in the Prometheus text format by {@code GET /v2/metrics}. Counters and timers are
 * updated where things happen; what is a state (clients connected, consumers open, windows, lag) is read at scrape
 * time from a {@link Snapshot} that the caller takes, so that this class depends on nothing else in the service.
 */
@ApplicationScoped
public class ServiceMetrics {

    /** The common prefix of every metric name. */
    public static final String PREFIX = "kafkasse_";

    private static final Duration[] LATENCY_BUCKETS = seconds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60);
    private static final Duration[] WAIT_BUCKETS = seconds(0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300);

    /** The service's state at a scrape. */
    public record Snapshot(Map<String, Integer> clientsPerStream, Map<String, Integer> consumersByRole,
                           List<PartitionState> partitions, int waitingForHistory, int openStreams) {
    }

    /** A live window and the feed that fills it; {@code lag} is negative when the feed has not fetched yet. */
    public record PartitionState(String topic, int partition, long records, long bytes, long lag) {
    }

    /** A stream's delivery meters: looked up once per connection, updated per event. */
    public record StreamMeters(Counter events, Counter bytes, Timer latency) {
    }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter opened;
    private final Map<CloseReason, Counter> closed = new EnumMap<>(CloseReason.class);
    private final Map<String, StreamMeters> streams = new ConcurrentHashMap<>();
    private final Map<String, Counter> skipped = new ConcurrentHashMap<>();
    private final Timer historyWait;
    private final MultiGauge clientsConnected;
    private final MultiGauge consumers;
    private final MultiGauge lag;
    private final MultiGauge windowRecords;
    private final MultiGauge windowBytes;
    private volatile Snapshot last = new Snapshot(Map.of(), Map.of(), List.of(), 0, 0);

    public ServiceMetrics() {
        opened = Counter.builder("kafkasse.connections.opened")
                .description("Stream requests received, whether they were served or refused")
                .register(registry);
        for (CloseReason reason : CloseReason.values()) {
            closed.put(reason, Counter.builder("kafkasse.connections.closed")
                    .description("Stream requests ended, by reason (refused ones included)")
                    .tag("reason", reason.label())
                    .register(registry));
        }
        historyWait = Timer.builder("kafkasse.history.wait")
                .description("How long clients waited for a history reader with room for them")
                .serviceLevelObjectives(WAIT_BUCKETS)
                .register(registry);
        clientsConnected = MultiGauge.builder("kafkasse.clients.connected")
                .description("Clients connected, by stream requested (a client of several streams counts in each)")
                .register(registry);
        consumers = MultiGauge.builder("kafkasse.kafka.consumers")
                .description("Kafka consumers open, by role (feed, history reader, offset lookup)")
                .register(registry);
        lag = MultiGauge.builder("kafkasse.feed.lag").baseUnit("records")
                .description("Records in the partition that the live feed has not read yet (end offset minus next offset)")
                .register(registry);
        windowRecords = MultiGauge.builder("kafkasse.window.records")
                .description("Records held in the partition's live window")
                .register(registry);
        windowBytes = MultiGauge.builder("kafkasse.window").baseUnit("bytes")
                .description("Bytes of event data held in the partition's live window")
                .register(registry);
        registry.gauge(PREFIX + "connections_open", Tags.empty(), this, m -> m.last.openStreams());
        registry.gauge(PREFIX + "history_waiting_clients", Tags.empty(), this, m -> m.last.waitingForHistory());
    }

    void opened() {
        opened.increment();
    }

    void closed(CloseReason reason) {
        closed.get(reason).increment();
    }

    /**
     * The meters of a stream. Its name must be one the service serves (a configured stream or an allowed topic,
     * checked before this is called): a label made of client input would let clients grow the registry without bound.
     */
    StreamMeters stream(String name) {
        return streams.computeIfAbsent(name, stream -> new StreamMeters(
                Counter.builder("kafkasse.events.sent").description("Events sent to clients").tag("stream", stream)
                        .register(registry),
                Counter.builder("kafkasse.sent").baseUnit("bytes")
                        .description("Bytes of events (data and id lines) sent to clients").tag("stream", stream)
                        .register(registry),
                Timer.builder("kafkasse.delivery.latency")
                        .description("From a record's timestamp to the write that carried it to a client")
                        .tag("stream", stream).serviceLevelObjectives(LATENCY_BUCKETS)
                        .register(registry)));
    }

    /** A record skipped: {@code not_json}, {@code deserializer_failed}, or {@code filtered} (for one client). */
    public void skipped(String topic, String cause) {
        skipped.computeIfAbsent(topic + '\n' + cause, key -> Counter.builder("kafkasse.records.skipped")
                .description("Records not sent, by cause (filtered counts once per client that filtered it out)")
                .tags("topic", topic, "cause", cause)
                .register(registry)).increment();
    }

    /** A client that waited for a history reader got one, or gave up. */
    public void waitedForHistory(long nanos) {
        historyWait.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The Prometheus text (format 0.0.4) of every metric, the states as of {@code now}. */
    public synchronized String scrape(Snapshot now) {
        last = now;
        clientsConnected.register(rows(now.clientsPerStream(), "stream"), true);
        consumers.register(rows(now.consumersByRole(), "role"), true);
        List<MultiGauge.Row<?>> lags = new ArrayList<>();
        List<MultiGauge.Row<?>> records = new ArrayList<>();
        List<MultiGauge.Row<?>> bytes = new ArrayList<>();
        for (PartitionState p : now.partitions()) {
            Tags tags = Tags.of("topic", p.topic(), "partition", Integer.toString(p.partition()));
            if (p.lag() >= 0) {
                lags.add(MultiGauge.Row.of(tags, p.lag()));
            }
            records.add(MultiGauge.Row.of(tags, p.records()));
            bytes.add(MultiGauge.Row.of(tags, p.bytes()));
        }
        lag.register(lags, true);
        windowRecords.register(records, true);
        windowBytes.register(bytes, true);
        return registry.scrape();
    }

    @PreDestroy
    void close() {
        registry.close();
    }

    private static List<MultiGauge.Row<?>> rows(Map<String, Integer> values, String tag) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>(values.size());
        values.forEach((key, value) -> rows.add(MultiGauge.Row.of(Tags.of(tag, key), value)));
        return rows;
    }

    private static Duration[] seconds(double... values) {
        Duration[] durations = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            durations[i] = Duration.ofNanos((long) (values[i] * 1e9));
        }
        return durations;
    }
}
