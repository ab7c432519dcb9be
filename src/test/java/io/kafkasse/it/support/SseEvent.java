package io.kafkasse.it.support;

/** One event as an EventSource would dispatch it: its type, its id (null when the event set none) and its data. */
public record SseEvent(String event, String id, String data) {
}
