package io.kafkasse.dev;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Live demo data: a wiki "recent changes" feed keyed by wiki and an "orders" feed keyed by order id, written
 * continuously so that a stream shows events at once.
 */
final class DemoFeeds implements AutoCloseable {

    static final String RECENT_CHANGES = "recentchange";
    static final String ORDERS = "orders";

    private static final List<String> WIKIS = List.of("enwiki", "dewiki", "frwiki", "commonswiki", "wikidatawiki", "jawiki");
    private static final List<String> TITLES = List.of("Apache Kafka", "Server-sent events", "Main Page", "Jakarta EE",
            "Event streaming", "Distributed computing", "Paris", "Photosynthesis", "Ada Lovelace", "Category:Maps");
    private static final List<String> USERS = List.of("Alice", "Bob", "Carol", "Dmitri", "Emeka", "Fatima", "ClueBot NG");
    private static final List<String> TYPES = List.of("edit", "edit", "edit", "new", "log", "categorize");
    private static final List<String> ITEMS = List.of("book", "coffee", "headphones", "keyboard", "lamp", "notebook", "tea");

    private final KafkaProducer<byte[], byte[]> producer;
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "demo-feeds");
        thread.setDaemon(true);
        return thread;
    });
    private final Random random = new Random();
    private final AtomicLong changeId = new AtomicLong(1_000_000);
    private final AtomicLong orderId = new AtomicLong(1);

    DemoFeeds(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** About ten changes and two orders per second. */
    void start() {
        schedule.scheduleAtFixedRate(this::recentChange, 0, 100, TimeUnit.MILLISECONDS);
        schedule.scheduleAtFixedRate(this::order, 0, 500, TimeUnit.MILLISECONDS);
    }

    private void recentChange() {
        String wiki = pick(WIKIS);
        String domain = switch (wiki) {
            case "commonswiki" -> "commons.wikimedia.org";
            case "wikidatawiki" -> "www.wikidata.org";
            default -> wiki.substring(0, 2) + ".wikipedia.org";
        };
        int oldLength = 1000 + random.nextInt(50_000);
        String json = "{\"$schema\":\"/mediawiki/recentchange/1.0.0\","
                + "\"meta\":{\"id\":\"" + UUID.randomUUID() + "\",\"dt\":\"" + Instant.now() + "\",\"domain\":\"" + domain
                + "\",\"stream\":\"mediawiki.recentchange\"},"
                + "\"id\":" + changeId.incrementAndGet() + ",\"type\":\"" + pick(TYPES) + "\",\"namespace\":0,"
                + "\"title\":\"" + pick(TITLES) + "\",\"comment\":\"copyedit\",\"timestamp\":" + Instant.now().getEpochSecond()
                + ",\"user\":\"" + pick(USERS) + "\",\"bot\":" + (random.nextInt(5) == 0) + ",\"minor\":" + random.nextBoolean()
                + ",\"length\":{\"old\":" + oldLength + ",\"new\":" + (oldLength + random.nextInt(400) - 200) + "},"
                + "\"server_name\":\"" + domain + "\",\"wiki\":\"" + wiki + "\"}";
        send(RECENT_CHANGES, wiki, json);
    }

    private void order() {
        String id = "order-" + orderId.getAndIncrement();
        int cents = 199 + random.nextInt(9_800);
        String json = "{\"order_id\":\"" + id + "\",\"customer\":\"customer-" + (1 + random.nextInt(40)) + "\","
                + "\"item\":\"" + pick(ITEMS) + "\",\"quantity\":" + (1 + random.nextInt(4)) + ","
                + "\"price\":" + (cents / 100) + "." + String.format("%02d", cents % 100) + ",\"currency\":\"EUR\","
                + "\"placed_at\":\"" + Instant.now() + "\"}";
        send(ORDERS, id, json);
    }

    private void send(String topic, String key, String json) {
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8)));
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    @Override
    public void close() {
        schedule.shutdownNow();
        producer.close();
    }
}
