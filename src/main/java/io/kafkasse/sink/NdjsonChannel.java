package io.kafkasse.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.kafkasse.error.StreamProblem;

/**
 * The stream for clients that asked for {@code application/json} or {@code application/x-ndjson}: one JSON value
 * per line, no SSE framing and no ids (each value's {@code _kafka} says where it came from). An empty line is the
 * heartbeat, and one is written first so the headers leave at once; a failure after the stream started is a last
 * line {@code {"_error":{...problem...}}}.
 */
public final class NdjsonChannel implements EventChannel {

    private static final Logger LOG = Logger.getLogger(NdjsonChannel.class.getName());
    private static final byte[] NEWLINE = {'\n'};

    private volatile OutputStream out;
    private volatile boolean started;
    private volatile boolean open = true;

    /** The container hands over the response body only after the stream was opened; nothing is written before. */
    public void attach(OutputStream body) {
        this.out = body;
    }

    @Override
    public void start(String initialId) {
        started = true;
        // An empty line (what a heartbeat is) commits the response, so the client sees the status and headers before
        // any record exists: flushing an untouched body does not send them on every server.
        line("");
    }

    @Override
    public boolean isStarted() {
        return started;
    }

    @Override
    public void notice(String text) {
        // NDJSON has no comments: notes about moved positions are for SSE clients only.
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void message(String id, String data) {
        line(data);
    }

    @Override
    public void heartbeat() {
        line("");
    }

    @Override
    public void fail(StreamProblem problem) {
        line("{\"_error\":" + problem.toJson() + "}");
        close();
    }

    @Override
    public void close() {
        open = false;
    }

    private void line(String text) {
        if (!open) {
            return;
        }
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.write(NEWLINE);
            out.flush();
        } catch (IOException e) {
            gone(e);
        }
    }

    private void gone(IOException e) {
        LOG.log(Level.FINE, "Client gone, ending its JSON stream", e);
        open = false;
    }
}
