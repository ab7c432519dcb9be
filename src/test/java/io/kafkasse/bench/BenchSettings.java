package io.kafkasse.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The benchmark's parameters (rates in records a second, in total over all partitions), from system properties (the {@code bench} Maven profile passes them). */
record BenchSettings(List<Integer> clients, List<Integer> rates, int warmupSeconds, int durationSeconds, int recordBytes,
                     int partitions, int port, Path dir, Path war, Path payaraJar, Path serverConfig,
                     String generatorClasspath, java.util.Map<String, String> serverProperties, List<String> scenarios,
                     long drainRecords, int idleClients) {

    static BenchSettings fromSystemProperties() {
        return new BenchSettings(
                numbers("bench.clients", "100,1000"),
                numbers("bench.rate", "200"),
                Integer.getInteger("bench.warmup", 5),
                Integer.getInteger("bench.duration", 20),
                Integer.getInteger("bench.record.bytes", 500),
                4,
                Integer.getInteger("bench.http.port", 28080),
                Path.of(System.getProperty("bench.dir", "target/bench")),
                Path.of(required("bench.war")),
                Path.of(required("bench.payara.jar")),
                Path.of(required("bench.server.config")),
                required("bench.generator.classpath"),
                pairs(System.getProperty("bench.server.properties", "")),
                Arrays.stream(System.getProperty("bench.scenarios", "fanout,drain,idle").split(","))
                        .map(String::trim).filter(name -> !name.isEmpty()).toList(),
                Long.getLong("bench.drain.records", 1_000_000),
                Integer.getInteger("bench.idle.clients", 10_000));
    }

    boolean runs(String scenario) {
        return scenarios.contains(scenario);
    }

    /** The server's configuration as the tables show it. */
    String serverConfiguration() {
        return serverProperties.isEmpty() ? "defaults (sse.consumer-mode=dedicated, sse.writer=sink)"
                : serverProperties.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(java.util.stream.Collectors.joining(", "));
    }

    /** A comma-separated list of numbers: one table row per number of clients and per rate. */
    private static List<Integer> numbers(String property, String defaults) {
        return Arrays.stream(System.getProperty(property, defaults).split(","))
                .map(String::trim).map(Integer::valueOf).toList();
    }

    /** {@code key=value,key=value}: configuration for the server under test, such as {@code sse.consumer-mode=shared}. */
    private static java.util.Map<String, String> pairs(String text) {
        java.util.Map<String, String> pairs = new java.util.TreeMap<>();
        for (String pair : text.split(",")) {
            if (!pair.isBlank()) {
                pairs.put(pair.substring(0, pair.indexOf('=')).trim(), pair.substring(pair.indexOf('=') + 1).trim());
            }
        }
        return pairs;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property + " is missing; run: mvn -Pbench package");
        }
        return value;
    }
}
