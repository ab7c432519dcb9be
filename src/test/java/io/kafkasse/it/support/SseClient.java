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

/**
 * A minimal EventSource for tests: it parses the stream line by line as the SSE specification says (servers differ
 * in blank lines, so bytes are never compared), queues events and counts comments. Closing it drops the connection,
 * as a browser tab that goes away would.
 */
public final class SseClient implements AutoCloseable {

    private final HttpStream connection;
    private final int status;
    private final BlockingQueue<SseEvent> events = new LinkedBlockingQueue<>();
    private final AtomicInteger comments = new AtomicInteger();
    private final List<String> commentTexts = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private volatile boolean paused;
    private volatile Long retry;
    private volatile boolean ended;
    private String errorBody;

    private SseClient(URI uri, Map<String, String> headers) throws IOException {
        Map<String, String> request = new java.util.LinkedHashMap<>();
        request.put("Accept", "text/event-stream");
        request.putAll(headers);
        connection = new HttpStream(uri, request);
        status = connection.status();
        if (status == 200) {
            Thread reader = new Thread(this::read, "sse-client-" + uri.getPath());
            reader.setDaemon(true);
            reader.start();
        } else {
            errorBody = connection.readBody();
            connection.close();
        }
    }

    public static SseClient open(URI uri) throws IOException {
        return new SseClient(uri, Map.of());
    }

    public static SseClient open(URI uri, Map<String, String> headers) throws IOException {
        return new SseClient(uri, headers);
    }

    public int status() {
        return status;
    }

    public String header(String name) {
        return connection.header(name);
    }

    /** The body of a response that did not start a stream. */
    public String errorBody() {
        return errorBody;
    }

    public int comments() {
        return comments.get();
    }

    /** The texts of the comments received so far. */
    public List<String> commentTexts() {
        return List.copyOf(commentTexts);
    }

    /** The reconnect delay the server sent, or null. */
    public Long retry() {
        return retry;
    }

    /** Waits until the stream has started: its first comment arrived. */
    public SseClient awaitStart() throws InterruptedException {
        Await.until(Duration.ofSeconds(20), "the stream to start", () -> comments.get() >= 1);
        return this;
    }

    public boolean ended() {
        return ended;
    }

    /** The next event, waiting at most {@code timeout}; fails the test if none arrives. */
    public SseEvent next(Duration timeout) throws InterruptedException {
        SseEvent event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new AssertionError("No event within " + timeout + (ended ? " (the stream ended)" : ""));
        }
        return event;
    }

    /** Exactly the next {@code count} events, each awaited within {@code timeout}. */
    public List<SseEvent> next(int count, Duration timeout) throws InterruptedException {
        List<SseEvent> received = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            received.add(next(timeout));
        }
        return received;
    }

    /** Null when no event arrives within {@code timeout}: for asserting that nothing more comes. */
    public SseEvent poll(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops reading from the connection, as a client on a slow network would: the server's writes back up. */
    public void pause() {
        paused = true;
    }

    public void resume() {
        synchronized (gate) {
            paused = false;
            gate.notifyAll();
        }
    }

    private void awaitNotPaused() throws InterruptedException {
        synchronized (gate) {
            while (paused) {
                gate.wait();
            }
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(connection.body(), StandardCharsets.UTF_8))) {
            String type = null;
            String id = null;
            StringBuilder data = null;
            String line;
            while ((line = lines.readLine()) != null) {
                awaitNotPaused();
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new SseEvent(type == null ? "message" : type, id, data.toString()));
                    }
                    type = null;
                    data = null;
                    continue;
                }
                if (line.startsWith(":")) {
                    commentTexts.add(line.substring(1).trim());
                    comments.incrementAndGet();
                    continue;
                }
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                switch (field) {
                    case "event" -> type = value;
                    case "id" -> id = value;
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    case "retry" -> retry = Long.valueOf(value);
                    default -> { }
                }
            }
        } catch (IOException e) {
            // the connection was closed, by the server or by close()
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ended = true;
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
