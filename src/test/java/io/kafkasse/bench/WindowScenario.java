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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Scenario 7, window memory: a topic of 64 partitions holding half again as many bytes of ~10 KB records per partition
 * as a window may keep ({@code sse.shared.window-bytes}); one client opens it, so its windows are pre-filled from the
 * end of each partition. What the windows hold ({@code /v2/stats}) and what they cost in live heap (after a full
 * collection, before the client and with the windows full) must stay within 64 × the configured bytes.
 */
final class WindowScenario {

    static final String TOPIC = "bench-window";
    private static final Pattern PARTITION = Pattern.compile("\"records\":(\\d+),\"bytes\":(\\d+),\"nextOffset\":(\\d+)");

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
            BulkFill.fill(bootstrap, TOPIC, partitions, perPartition * partitions, recordBytes);
        }
        System.out.printf("%nWindow (%s): one client opens %s, whose windows fill from history...%n", mode, TOPIC);
        long heapBefore = probe.heapLiveKiB();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", settings.port()), 5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /v2/stream/" + TOPIC + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long[] held = filled(settings.port(), partitions, perPartition);
            long heapAfter = probe.heapLiveKiB();
            Result result = new Result(mode, partitions, recordBytes, perPartition, windowBytes, held[0], held[1], heapBefore,
                    heapAfter);
            System.out.printf(Locale.ROOT, "  windows hold %,d records, %,d bytes (bound %,d); live heap grew %,d bytes%n",
                    result.heldRecords(), result.heldBytes(), result.boundBytes(), result.heapGrowthBytes());
            return result;
        }
    }

    /**
     * The topic's windows once the feed has read every partition to its end ({@code nextOffset} = the records produced
     * to it), so they hold all they will: {records, bytes}. Polled, as the other scenarios poll the server, until a
     * deadline.
     */
    private static long[] filled(int port, int partitions, long perPartition) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        String last = "";
        while (System.nanoTime() < deadline) {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/stats"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
            int at = body.indexOf("\"" + TOPIC + "\"");
            long[] held = {0, 0};
            int read = 0;
            if (at >= 0) {
                Matcher matcher = PARTITION.matcher(body.substring(at));
                for (int p = 0; p < partitions && matcher.find(); p++) {
                    held[0] += Long.parseLong(matcher.group(1));
                    held[1] += Long.parseLong(matcher.group(2));
                    read += Long.parseLong(matcher.group(3)) == perPartition ? 1 : 0;
                }
            }
            if (read == partitions) {
                return held;
            }
            last = read + " of " + partitions + " partitions read to the end, " + Arrays.toString(held);
            Thread.sleep(250);
        }
        throw new IllegalStateException("The windows of " + TOPIC + " were not filled within 3 minutes: " + last);
    }
}
