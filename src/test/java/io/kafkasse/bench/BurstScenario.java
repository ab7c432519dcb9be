package io.kafkasse.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Scenario 5, connection burst ({@code bench.scenarios=burst}): {@code bench.burst.clients} clients (10,000) open
 * {@code /v2/stream/bench} evenly spread over {@code bench.burst.spread} ms (2,000) while the topic gets a few records
 * a second ({@code bench.burst.rate}, 5). Counts connections that opened (200 and the first SSE comment) and those that
 * failed, by kind; time from each connect to its first byte and to its stream being open (p50/p99/max), and from the
 * first connect until the last stream was open. Once every client has opened or failed, one record per partition (the
 * sentinel) is produced, and every open client must receive it, once.
 *
 * <p>Clients come from several generator JVMs ({@code bench.burst.per-generator}, 5,000 each: a process may hold
 * 20,000 open files here), each from its own loopback source address (127.0.1.1, 127.0.1.2, ...: about 28,000
 * ephemeral ports per address). The dedicated mode is skipped above the 2,000 threads of its executor.
 */
final class BurstScenario {

    record Result(String mode, int clients, long spreadMillis, int generators, long connectSpreadMillis, int opened,
                  int failed, String failureKinds, long firstByteP50, long firstByteP99, long openP50, long openP99,
                  long openMax, long allOpenMs, long serverOpenStreams, int sentinelReceived, int droppedAfterOpen,
                  long lost, long duplicated, long peakThreads, long peakRssMiB) {
    }

    private static final Duration DRAIN = Duration.ofSeconds(30);

    private BurstScenario() {
    }

    static Optional<Result> run(BenchMode mode, BenchSettings settings, Admin admin, RatedProducer producer,
                                ServerProbe probe) throws Exception {
        int clients = Integer.getInteger("bench.burst.clients", 10_000);
        long spread = Long.getLong("bench.burst.spread", 2_000);
        int rate = Integer.getInteger("bench.burst.rate", 5);
        int perGenerator = Integer.getInteger("bench.burst.per-generator", 5_000);
        long openTimeout = Long.getLong("bench.burst.open-timeout", 60_000);
        int generators = (clients + perGenerator - 1) / perGenerator;
        System.out.printf("%nBurst (%s): %,d clients within %,d ms from %d generators, topic at %d records/s...%n",
                mode.name(), clients, spread, generators, rate);

        AtomicBoolean producing = new AtomicBoolean(true);
        Thread live = new Thread(() -> {
            while (producing.get()) {
                producer.run(rate, 1);
            }
        }, "burst-live-records");
        live.setDaemon(true);
        live.start();

        List<GeneratorProcess> running = new ArrayList<>();
        List<Path> timesFiles = new ArrayList<>();
        try (PeakSampler peaks = new PeakSampler(probe)) {
            for (int g = 0; g < generators; g++) {
                int share = clients / generators + (g < clients % generators ? 1 : 0);
                Path times = settings.dir().resolve("burst-" + mode.name() + "-" + g + ".times");
                Files.deleteIfExists(times);
                timesFiles.add(times);
                running.add(GeneratorProcess.startBurst(settings, share, spread, openTimeout, "127.0.1." + (g + 1),
                        times, "generator-burst-" + g + ".log"));
            }
            for (GeneratorProcess generator : running) {
                generator.await("WAITING", Duration.ofSeconds(30));
            }
            running.forEach(generator -> generator.send("CONNECT"));
            int opened = 0;
            int failed = 0;
            for (GeneratorProcess generator : running) {
                Map<String, String> ready = generator.await("READY", Duration.ofMillis(spread + openTimeout).plusMinutes(1));
                opened += Integer.parseInt(ready.get("opened"));
                failed += Integer.parseInt(ready.get("failed"));
            }
            long serverOpen = probe.stat("openStreams");
            System.out.printf("  %,d opened, %,d failed; the server counts %,d open streams; threads %d, RSS %d MiB%n",
                    opened, failed, serverOpen, probe.threads(), probe.rssMiB());

            producing.set(false);
            live.join(10_000);
            long[] start = endOffsets(admin, settings.partitions());
            for (GeneratorProcess generator : running) {
                generator.send("START " + join(start));
                generator.await("STARTED", Duration.ofSeconds(30));
            }
            // The sentinel: one record to each partition, produced after every client opened (or failed).
            producer.run(settings.partitions(), 1);
            long[] end = endOffsets(admin, settings.partitions());
            running.forEach(generator -> generator.send("END " + join(end) + " " + DRAIN.toMillis()));
            List<Map<String, String>> results = new ArrayList<>();
            for (GeneratorProcess generator : running) {
                Map<String, String> result = generator.await("RESULT", DRAIN.plusMinutes(1));
                System.out.println("  " + result);
                results.add(result);
            }
            return Optional.of(result(mode.name(), clients, spread, generators, results, timesFiles, serverOpen, peaks));
        } finally {
            producing.set(false);
            for (GeneratorProcess generator : running) {
                generator.close();
            }
        }
    }

    private static Result result(String mode, int clients, long spread, int generators, List<Map<String, String>> results,
                                 List<Path> timesFiles, long serverOpen, PeakSampler peaks) throws Exception {
        LatencyHistogram firstByte = new LatencyHistogram();
        LatencyHistogram open = new LatencyHistogram();
        long firstConnect = Long.MAX_VALUE;
        long lastConnect = 0;
        long lastOpen = 0;
        for (Path file : timesFiles) {
            for (String line : Files.readAllLines(file)) {
                long[] t = Arrays.stream(line.trim().split(" ")).mapToLong(Long::parseLong).toArray();
                firstConnect = Math.min(firstConnect, t[0]);
                lastConnect = Math.max(lastConnect, t[0]);
                if (t[1] > 0) {
                    firstByte.record(t[1] - t[0]);
                }
                if (t[2] > 0) {
                    open.record(t[2] - t[0]);
                    lastOpen = Math.max(lastOpen, t[2]);
                }
            }
        }
        Map<String, Integer> kinds = new TreeMap<>();
        int opened = 0;
        int failed = 0;
        int sentinel = 0;
        int droppedAfterOpen = 0;
        long lost = 0;
        long duplicated = 0;
        for (Map<String, String> r : results) {
            opened += Integer.parseInt(r.get("opened"));
            failed += Integer.parseInt(r.get("failed"));
            sentinel += Integer.parseInt(r.get("reachedEnd"));
            droppedAfterOpen += Integer.parseInt(r.get("droppedAfterOpen"));
            lost += Long.parseLong(r.get("lost"));
            duplicated += Long.parseLong(r.get("duplicated"));
            if (!"none".equals(r.get("failureKinds"))) {
                for (String pair : r.get("failureKinds").split(",")) {
                    String[] kv = pair.split(":");
                    kinds.merge(kv[0], Integer.parseInt(kv[1]), Integer::sum);
                }
            }
        }
        String failureKinds = kinds.isEmpty() ? "–" : kinds.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return new Result(mode, clients, spread, generators, lastConnect - firstConnect, opened, failed, failureKinds,
                firstByte.percentile(0.50), firstByte.percentile(0.99), open.percentile(0.50), open.percentile(0.99),
                open.max(), lastOpen == 0 ? -1 : lastOpen - firstConnect, serverOpen, sentinel, droppedAfterOpen, lost,
                duplicated, peaks.threads(), peaks.rssMiB());
    }

    private static long[] endOffsets(Admin admin, int partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(BenchRunner.TOPIC, p), OffsetSpec.latest());
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answer =
                admin.listOffsets(request).all().get(30, TimeUnit.SECONDS);
        long[] offsets = new long[partitions];
        for (int p = 0; p < partitions; p++) {
            offsets[p] = answer.get(new TopicPartition(BenchRunner.TOPIC, p)).offset();
        }
        return offsets;
    }

    private static String join(long[] values) {
        return Arrays.stream(values).mapToObj(Long::toString).collect(Collectors.joining(" "));
    }
}
