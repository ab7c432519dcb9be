package io.kafkasse.bench;

import java.util.Map;
import java.util.TreeMap;

/**
 * A server configuration that the benchmark measures: each runs on a fresh Payara Micro, one after the other, against
 * the same broker, so that the SSE writers are compared in one run on one machine.
 */
record BenchMode(String name, Map<String, String> serverProperties) {

    /** {@code coalescing} (the default writer) or {@code sink} (the standard JAX-RS SseEventSink). */
    static BenchMode named(String name, Map<String, String> extra) {
        Map<String, String> properties = new TreeMap<>(switch (name) {
            case "coalescing" -> Map.of("sse.writer", "coalescing");
            case "sink" -> Map.of("sse.writer", "sink");
            default -> throw new IllegalArgumentException("bench.modes: unknown mode '" + name + "'; known: coalescing, sink");
        });
        properties.putAll(extra);
        return new BenchMode(name, properties);
    }
}
