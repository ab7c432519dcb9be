package io.kafkasse.delivery;

import java.util.ArrayList;
import java.util.List;

import io.kafkasse.error.StreamProblem;
import io.kafkasse.sink.EventChannel;
import io.kafkasse.sink.StreamEnd;

/** An event channel that remembers what was written; it can be told to behave as if the client went away. */
final class RecordingChannel implements EventChannel {

    record Written(String kind, String id, String data) {
    }

    final List<Written> written = new ArrayList<>();
    int heartbeats;
    boolean clientGone;
    boolean closed;
    boolean started;

    @Override
    public void start(String initialId) {
        started = true;
        written.add(new Written("start", initialId, null));
    }

    @Override
    public boolean isStarted() {
        return started;
    }

    @Override
    public void notice(String text) {
        written.add(new Written("notice", null, text));
    }

    @Override
    public boolean isOpen() {
        return !clientGone && !closed;
    }

    @Override
    public void skipped(String id, io.kafkasse.sink.EncodedData data) {
        written.add(new Written("skipped", id, data.text()));
    }

    @Override
    public void message(String id, String data) {
        written.add(new Written("message", id, data));
    }

    @Override
    public void heartbeat() {
        heartbeats++;
    }

    @Override
    public void fail(StreamProblem problem) {
        written.add(new Written("error", null, problem.toJson().toString()));
        close();
    }

    @Override
    public void finish(String resumeId, StreamEnd reason, long retryMillis) {
        written.add(new Written("end", resumeId, reason.reason()));
        close();
    }

    @Override
    public void close() {
        closed = true;
    }

    List<Written> messages() {
        return written.stream().filter(w -> w.kind().equals("message")).toList();
    }
}
