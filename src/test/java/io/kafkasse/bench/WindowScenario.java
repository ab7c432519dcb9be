package io.kafkasse.bench;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Scenario 7, window memory: a topic of 64 partitions holding half again as many bytes of ~10 KB records per partition
 * as a window may keep ({@code sse.shared.window-bytes}); one client opens it, so its windows are pre-filled from the
 * end of each partition. What the windows hold ({@code /v2/stats}) and what they cost in live heap (after a full
 * collection, before the client and with the windows full) must stay within 64 × the configured bytes.
 */
final class WindowScenario {

    static final String TOPIC = "bench-window";
    private static final Pattern PARTITION = Pattern.compile("\"records\":(\\d+),\"bytes\":(\\d+)");

    record Result(String mode, int partitions, int recordBytes, long recordsPerPartition, long windowBytesSetting,
                  long heldRecords, long heldBytes, long heapBeforeKiB, long heapAfterKiB) {

        long boundBytes() {
            return windowBytesSetting * partitions;
        }

        long heapGrowthBytes() {
            return (heapAfterKiB - heapBeforeKiB) * 1024;
        }
    }

    private WindowScenario() {
    }

    static Result run(String mode, String bootstrap, Admin admin, BenchSettings settings, ServerProbe probe) throws Exception {
        int partitions = Integer.getInteger("bench.window.partitions", 64);
        int recordBytes = Integer.getInteger("bench.window.record-bytes", 10_240);
        long windowBytes = Long.parseLong(settings.serverProperties().getOrDefault("sse.shared.window-bytes", "4194304"));
        // Half again what a window keeps, so every window is full and has evicted.
        long perPartition = windowBytes * 3 / 2 / recordBytes + 1;
        if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(TOPIC)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
            System.out.printf("%nWindow: producing %,d records of %,d bytes to each of %d partitions...%n", perPartition,
                    recordBytes, partitions);
            fill(bootstrap, partitions, perPartition, recordBytes);
        }
        System.out.printf("%nWindow (%s): one client opens %s, whose windows fill from history...%n", mode, TOPIC);
        long heapBefore = probe.heapLiveKiB();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", settings.port()), 5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /v2/stream/" + TOPIC + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long[] held = settled(settings.port(), partitions);
            long heapAfter = probe.heapLiveKiB();
            Result result = new Result(mode, partitions, recordBytes, perPartition, windowBytes, held[0], held[1], heapBefore,
                    heapAfter);
            System.out.printf(Locale.ROOT, "  windows hold %,d records, %,d bytes (bound %,d); live heap grew %,d bytes%n",
                    result.heldRecords(), result.heldBytes(), result.boundBytes(), result.heapGrowthBytes());
            return result;
        }
    }

    /** The topic's windows once all partitions are listed and their totals stop changing: {records, bytes}. */
    private static long[] settled(int port, int partitions) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        long[] last = {-1, -1};
        int stable = 0;
        while (System.nanoTime() < deadline) {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/stats"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
            int at = body.indexOf("\"" + TOPIC + "\"");
            long[] now = {0, 0};
            int seen = 0;
            if (at >= 0) {
                Matcher matcher = PARTITION.matcher(body.substring(at));
                while (seen < partitions && matcher.find()) {
                    now[0] += Long.parseLong(matcher.group(1));
                    now[1] += Long.parseLong(matcher.group(2));
                    seen++;
                }
            }
            stable = seen == partitions && now[1] > 0 && Arrays.equals(now, last) ? stable + 1 : 0;
            if (stable >= 3) {
                return now;
            }
            last = now;
            Thread.sleep(1000);
        }
        throw new IllegalStateException("The windows of " + TOPIC + " did not settle within 3 minutes: last " + Arrays.toString(last));
    }

    private static void fill(String bootstrap, int partitions, long perPartition, int recordBytes) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(4 * 1024 * 1024));
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        byte[] pad = new byte[Math.max(0, recordBytes - 60)];
        Arrays.fill(pad, (byte) 'x');
        String padding = new String(pad, StandardCharsets.US_ASCII);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (long i = 0; i < perPartition * partitions; i++) {
                byte[] value = ("{\"seq\":" + i + ",\"pad\":\"" + padding + "\"}").getBytes(StandardCharsets.US_ASCII);
                producer.send(new ProducerRecord<>(TOPIC, (int) (i % partitions), null, value));
            }
            producer.flush();
        }
    }
}
