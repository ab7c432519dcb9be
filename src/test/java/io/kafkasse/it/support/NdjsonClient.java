package io.kafkasse.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Reads a newline-delimited JSON stream: each non-empty line is queued, empty lines (heartbeats) are counted. */
public final class NdjsonClient implements AutoCloseable {

    private final HttpStream connection;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final AtomicInteger emptyLines = new AtomicInteger();

    public NdjsonClient(URI uri, String accept) throws IOException {
        connection = new HttpStream(uri, Map.of("Accept", accept));
        if (connection.status() == 200) {
            Thread reader = new Thread(this::read, "ndjson-client");
            reader.setDaemon(true);
            reader.start();
        }
    }

    public int status() {
        return connection.status();
    }

    public String header(String name) {
        return connection.header(name);
    }

    public int emptyLines() {
        return emptyLines.get();
    }

    public List<String> next(int count, Duration timeout) throws InterruptedException {
        List<String> received = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new AssertionError("No line within " + timeout + " after " + received);
            }
            received.add(line);
        }
        return received;
    }

    public String poll(Duration timeout) throws InterruptedException {
        return lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void read() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(connection.body(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isEmpty()) {
                    emptyLines.incrementAndGet();
                } else {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
