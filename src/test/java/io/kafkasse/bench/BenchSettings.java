package io.kafkasse.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The benchmark's parameters (rates in records a second, in total over all partitions), from system properties (the {@code bench} Maven profile passes them). */
record BenchSettings(List<Integer> clients, List<Integer> rates, int warmupSeconds, int durationSeconds, int recordBytes,
                     int partitions, int port, Path dir, Path war, Path payaraJar, Path serverConfig,
                     String generatorClasspath, java.util.Map<String, String> serverProperties, List<String> scenarios,
                     long drainRecords, int idleClients, List<BenchMode> modes) {

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
                Arrays.stream(System.getProperty("bench.scenarios", "fanout,storm,drain,idle").split(","))
                        .map(String::trim).filter(name -> !name.isEmpty()).toList(),
                Long.getLong("bench.drain.records", 1_000_000),
                Integer.getInteger("bench.idle.clients", 10_000),
                Arrays.stream(System.getProperty("bench.modes", "coalescing").split(","))
                        .map(String::trim).filter(name -> !name.isEmpty())
                        .map(name -> BenchMode.named(name, pairs(System.getProperty("bench.server.properties", ""))))
                        .toList());
    }

    /**
     * The fan-out rows as {clients, rate} pairs: {@code bench.fanout=1000x20,1000x100,10000x5} when given, else every
     * number of clients ({@code bench.clients}) at every rate ({@code bench.rate}).
     */
    List<int[]> fanOutRows() {
        String pairs = System.getProperty("bench.fanout", "");
        if (!pairs.isBlank()) {
            return Arrays.stream(pairs.split(",")).map(String::trim).filter(pair -> !pair.isEmpty())
                    .map(pair -> pair.split("x"))
                    .map(pair -> new int[] {Integer.parseInt(pair[0].trim()), Integer.parseInt(pair[1].trim())})
                    .toList();
        }
        return clients.stream().flatMap(c -> rates.stream().map(r -> new int[] {c, r})).toList();
    }

    /** {@code bench.baseline}: a WAR file or a git revision to measure side by side with this build; empty for none. */
    String baseline() {
        return System.getProperty("bench.baseline", "").trim();
    }

    /** {@code bench.rounds}: how many times each variant runs, alternately (the A/B table reports medians). */
    int rounds() {
        return Math.max(1, Integer.getInteger("bench.rounds", 1));
    }

    int restartClients() {
        return Integer.getInteger("bench.restart.clients", 10_000);
    }

    /** Records a second, in total, while the restart scenario runs. */
    int restartRate() {
        return Integer.getInteger("bench.restart.rate", 5);
    }

    int stormHistorySeconds() {
        return Integer.getInteger("bench.storm.history", 60);
    }

    int stormClients() {
        return Integer.getInteger("bench.storm.clients", 1000);
    }

    /** Records a second, in total, both for the minute of history and while the storm lasts. */
    int stormRate() {
        return Integer.getInteger("bench.storm.rate", 100);
    }

    boolean runs(String scenario) {
        return scenarios.contains(scenario);
    }

    /** A comma-separated list of numbers: one table row per number of clients and per rate. */
    private static List<Integer> numbers(String property, String defaults) {
        return Arrays.stream(System.getProperty(property, defaults).split(","))
                .map(String::trim).map(Integer::valueOf).toList();
    }

    /** {@code key=value,key=value}: configuration for the server under test, such as {@code sse.shared.window-records=20000}. */
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
