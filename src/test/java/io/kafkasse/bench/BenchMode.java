package io.kafkasse.bench;

import java.util.Map;
import java.util.TreeMap;

/**
 * A server configuration that the benchmark measures: each runs on a fresh Payara Micro, one after the other, against
 * the same broker, so that the modes are compared in one run on one machine.
 */
record BenchMode(String name, Map<String, String> serverProperties) {

    /** {@code dedicated}, {@code shared-sink} or {@code shared} (the shared mode with the coalescing writer). */
    static BenchMode named(String name, Map<String, String> extra) {
        Map<String, String> properties = new TreeMap<>(switch (name) {
            case "dedicated" -> Map.of("sse.consumer-mode", "dedicated", "sse.writer", "sink");
            case "shared-sink" -> Map.of("sse.consumer-mode", "shared", "sse.writer", "sink");
            case "shared" -> Map.of("sse.consumer-mode", "shared", "sse.writer", "coalescing");
            default -> throw new IllegalArgumentException("bench.modes: unknown mode '" + name
                    + "'; known: dedicated, shared-sink, shared");
        });
        properties.putAll(extra);
        return new BenchMode(name, properties);
    }

    boolean isDedicated() {
        return "dedicated".equals(serverProperties.get("sse.consumer-mode"));
    }
}
