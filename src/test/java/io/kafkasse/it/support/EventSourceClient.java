package io.kafkasse.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Plays a browser's {@code EventSource} over a whole life of reconnects, as the HTML standard says it behaves: after a
 * network error or a stream that ends it waits the last {@code retry:} it was given and reconnects with
 * {@code Last-Event-ID}; any answer that is not {@code 200 text/event-stream} fails it for good ({@link #gaveUp()}).
 * The last event id is taken at every dispatch, also from a block with an id and no data. Events with data go to the
 * listener on the client's own thread, in the order they arrived.
 */
public final class EventSourceClient implements AutoCloseable {

    /** An event with data: its type ({@code message}, {@code error}, {@code end}), id and data. */
    public record Event(String type, String id, String data) {
    }

    private final URI uri;
    private final Consumer<Event> listener;
    private final Thread thread;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger refusals = new AtomicInteger();
    private final List<Duration> lifetimes = new CopyOnWriteArrayList<>();
    private volatile long retryMillis = 3_000;
    private volatile String lastEventId;
    private volatile String failure;
    private volatile boolean closed;
    private volatile HttpStream current;

    private EventSourceClient(URI uri, Consumer<Event> listener, String name) {
        this.uri = uri;
        this.listener = listener;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    public static EventSourceClient open(URI uri, String name, Consumer<Event> listener) {
        EventSourceClient client = new EventSourceClient(uri, listener, name);
        client.thread.start();
        return client;
    }

    /** Why it gave up for good (status and body of the answer), or null while it has not. */
    public String gaveUp() {
        return failure;
    }

    /** Streams it opened (200 answers), the first included. */
    public int connections() {
        return connections.get();
    }

    /** Connections refused or cut before an answer. */
    public int refusals() {
        return refusals.get();
    }

    /** How long each stream that ended lasted, from its 200 answer to its end. */
    public List<Duration> lifetimes() {
        return List.copyOf(lifetimes);
    }

    public String lastEventId() {
        return lastEventId;
    }

    public long retryMillis() {
        return retryMillis;
    }

    private void run() {
        while (!closed && failure == null) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Accept", "text/event-stream");
            if (lastEventId != null && !lastEventId.isEmpty()) {
                headers.put("Last-Event-ID", lastEventId);
            }
            try (HttpStream stream = new HttpStream(uri, headers)) {
                current = stream;
                String type = stream.header("Content-Type");
                if (stream.status() != 200 || type == null || !type.startsWith("text/event-stream")) {
                    failure = stream.status() + " " + type + ": " + stream.readBody();
                    return;
                }
                connections.incrementAndGet();
                long opened = System.nanoTime();
                try {
                    read(new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8)));
                } finally {
                    if (!closed) {
                        lifetimes.add(Duration.ofNanos(System.nanoTime() - opened));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // A network error (refused, reset, the stream cut): the standard retries after retry.
                if (current == null) {
                    refusals.incrementAndGet(); // no answer at all
                }
            } finally {
                current = null;
            }
            sleep(retryMillis);
        }
    }

    /** Parses until the stream ends, dispatching as the standard's "interpret an event stream" says. */
    private void read(BufferedReader in) throws IOException {
        StringBuilder data = new StringBuilder();
        String type = "";
        String idBuffer = lastEventId;
        for (String line = in.readLine(); line != null && !closed; line = in.readLine()) {
            if (line.isEmpty()) {
                lastEventId = idBuffer;
                if (data.length() > 0) {
                    data.setLength(data.length() - 1);
                    listener.accept(new Event(type.isEmpty() ? "message" : type, idBuffer, data.toString()));
                }
                data.setLength(0);
                type = "";
                continue;
            }
            if (line.startsWith(":")) {
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
                case "data" -> data.append(value).append('\n');
                case "id" -> {
                    if (!value.contains("\0")) {
                        idBuffer = value;
                    }
                }
                case "retry" -> {
                    if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
                        retryMillis = Long.parseLong(value);
                    }
                }
                default -> { }
            }
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        HttpStream stream = current;
        if (stream != null) {
            stream.close();
        }
        thread.interrupt();
    }
}
