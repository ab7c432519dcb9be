package io.kafkasse.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Scenario 2, single-client drain: a topic is filled with {@code records} records first, then one client reads it from
 * offset 0 of every partition ({@code Last-Event-ID}) as fast as it can, here in the runner on a plain socket. The
 * clock runs from the request to the last record; every offset must arrive once.
 */
final class DrainScenario {

    static final String TOPIC = "bench-drain";

    record Result(String mode, long records, double seconds, long bytes, long duplicatedOrOutOfOrder, CpuMeter.Usage cpu) {

        double eventsPerSecond() {
            return records / seconds;
        }

        double megabytesPerSecond() {
            return bytes / seconds / 1_000_000.0;
        }

        /** The server's CPU time per event delivered, in microseconds. */
        double serverMicrosPerEvent() {
            return records == 0 ? 0 : cpu.server() * seconds * 1e6 / records;
        }
    }

    private DrainScenario() {
    }

    static Result run(String mode, String bootstrap, Admin admin, BenchSettings settings, ServerProbe probe, long records)
            throws Exception {
        int partitions = settings.partitions();
        // Filled once per run: every mode drains the same records.
        if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(TOPIC)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
            System.out.printf("%nDrain: producing %,d records...%n", records);
            BulkFill.fill(bootstrap, TOPIC, partitions, records, settings.recordBytes());
        }
        System.out.printf("%nDrain (%s): one client reads %,d records from offset 0...%n", mode, records);
        StringBuilder id = new StringBuilder("[");
        for (int p = 0; p < partitions; p++) {
            id.append(p == 0 ? "" : ",").append("{\"topic\":\"" + TOPIC + "\",\"partition\":").append(p).append(",\"offset\":0}");
        }
        id.append(']');
        long[] next = new long[partitions];
        long[] received = {0, 0};
        SseResponseDecoder decoder = new SseResponseDecoder(new SseResponseDecoder.Listener() {
            private final KafkaFields fields = new KafkaFields();

            @Override
            public void comment() {
            }

            @Override
            public void data(byte[] line, int length) {
                if (fields.read(line, length)) {
                    int p = fields.partition;
                    if (fields.offset != next[p]) {
                        received[1]++;
                    }
                    next[p] = fields.offset + 1;
                    received[0]++;
                }
            }
        });
        CpuMeter cpu = new CpuMeter(probe.pid());
        long bytes = 0;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", settings.port()), 5000);
            socket.setSoTimeout(60_000);
            socket.setReceiveBufferSize(1 << 20);
            OutputStream out = socket.getOutputStream();
            cpu.start();
            long start = System.nanoTime();
            out.write(("GET /v2/stream/" + TOPIC + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                    + "Last-Event-ID: " + id + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[256 * 1024];
            while (received[0] < records) {
                int n = in.read(buffer);
                if (n < 0) {
                    throw new IOException("The stream ended after " + received[0] + " of " + records + " records");
                }
                bytes += n;
                decoder.feed(ByteBuffer.wrap(buffer, 0, n));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Result result = new Result(mode, received[0], seconds, bytes, received[1], cpu.stop());
            System.out.printf(Locale.ROOT, "  %,d records in %.1f s: %,.0f events/s, %.1f MB/s%n", result.records(),
                    seconds, result.eventsPerSecond(), result.megabytesPerSecond());
            return result;
        }
    }
}
