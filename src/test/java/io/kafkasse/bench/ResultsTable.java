package io.kafkasse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The results as a Markdown table, with the parameters and the machine they were measured on. */
final class ResultsTable {

    private ResultsTable() {
    }

    static String render(BenchSettings settings, Results results) {
        StringBuilder out = new StringBuilder();
        out.append("Measured ").append(Instant.now()).append(" on ").append(machine()).append(". Modes: ");
        settings.modes().forEach(mode -> out.append("`").append(mode.name()).append("` = ").append(mode.serverProperties())
                .append("; "));
        out.append("each on a fresh Payara Micro (-Xmx1g").append(System.getProperty("bench.server.jvm", "").isBlank() ? ""
                : " " + System.getProperty("bench.server.jvm").trim()).append("), one after the other, against the same broker.\n");
        if (!results.fanOut().isEmpty()) {
            out.append(fanOut(settings, results.fanOut()));
        }
        if (!results.storm().isEmpty()) {
            out.append(storm(results.storm()));
        }
        if (!results.drain().isEmpty()) {
            out.append(drain(settings, results.drain()));
        }
        if (!results.idle().isEmpty()) {
            out.append(idle(results.idle()));
        }
        if (!results.burst().isEmpty()) {
            out.append(burst(results.burst()));
        }
        if (!results.topics().isEmpty()) {
            out.append(topics(results.topics()));
        }
        if (!results.window().isEmpty()) {
            out.append(window(results.window()));
        }
        if (!results.soak().isEmpty()) {
            out.append(SoakScenario.table(results.soak()));
        }
        if (!results.restart().isEmpty()) {
            out.append(RestartScenario.table(results.restart()));
        }
        if (!results.failures().isEmpty()) {
            out.append("\n## Scenarios that failed\n\n");
            results.failures().forEach(failure -> out.append("- ").append(failure).append('\n'));
        }
        return out.toString();
    }

    private static String fanOut(BenchSettings settings, List<ScenarioResult> results) {
        StringBuilder out = new StringBuilder("\n## Scenario 1: fan-out\n\n");
        out.append(String.format(Locale.ROOT, "Topic `%s`, %d partitions; records of ~%d bytes at a fixed total rate, "
                        + "every record to every client; %d s warm-up, then %d s measured. "
                        + "Load generator in its own JVM (one NIO thread).%n%n",
                BenchRunner.TOPIC, settings.partitions(), settings.recordBytes(),
                settings.warmupSeconds(), settings.durationSeconds()));
        out.append("| mode | clients | records/s | offered deliveries/s | sustained deliveries/s | p50 ms | p99 ms | p99.9 ms | max ms "
                + "| lost | duplicated | not received 30 s after the end | server CPU (cores) | server µs/delivery | server GC ms "
                + "| broker + producer CPU "
                + "| machine CPU busy | server RSS MiB (peak) | server threads (peak) | heap used MiB | Kafka consumers "
                + "| broker TCP conns | generator CPU (% of a core) | generator µs/delivery |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ScenarioResult r : results) {
            out.append(String.format(Locale.ROOT,
                    "| %s | %,d%s | %d | %,d | %,d | %,d | %,d | %,d | %,d | %,d | %,d | %,d | %.2f | %.1f | %,d | %.2f | %.2f of %d "
                            + "| %d | %d | %d | %d | %d | %.0f %% | %.1f |%n",
                    r.mode(), r.clients(), r.failed() > 0 ? " (" + r.failed() + " refused)" : "", r.rate(),
                    r.offeredPerSecond(), r.sustainedPerSecond(), r.p50(), r.p99(), r.p999(), r.max(),
                    r.lost(), r.duplicated(), r.missing(),
                    r.cpu().server(), r.serverMicrosPerDelivery(), r.cpu().gcMillis(), r.cpu().runner(),
                    r.cpu().machineBusy(), r.cpu().cores(), r.rssMiB(), r.threads(), r.heapUsedMiB(), r.liveConsumers(), r.brokerConnections(),
                    r.generatorCpuShare() * 100, r.generatorMicrosPerDelivery()));
        }
        out.append(ratios(results));
        out.append("\nLatency: receive wall clock minus the record's `_kafka.timestamp` (producer clock, same machine), "
                + "millisecond resolution. Each client must receive every record of "
                + "the run once, in offset order per partition: lost counts offsets skipped over, not received counts "
                + "records still missing 30 s after production ended (the server fell that far behind). Sustained "
                + "deliveries/s: every delivery from the start of the measured window until all clients caught up "
                + "(or 30 s after production ended), divided by that time; latency percentiles cover the records "
                + "produced in the measured window. CPU columns cover the measured window; the broker runs inside the "
                + "runner JVM. Broker TCP conns counts every process's "
                + "connections to the broker port, the runner's producer and admin client included. Heap used is "
                + "sampled once at the end of the measured window, not after a GC.\n");
        return out.toString();
    }

    /** For each row measured in several modes: how the coalescing writer compares with the sink. */
    private static String ratios(List<ScenarioResult> results) {
        StringBuilder out = new StringBuilder();
        for (ScenarioResult dedicated : results) {
            if (!dedicated.mode().equals("sink")) {
                continue;
            }
            for (ScenarioResult other : results) {
                if (other.mode().equals("sink") || other.clients() != dedicated.clients() || other.rate() != dedicated.rate()) {
                    continue;
                }
                if (dedicated.sustainedPerSecond() <= 0 || dedicated.p99() <= 0) {
                    out.append(String.format(Locale.ROOT, "%n%,d clients at %d records/s: `sink` delivered nothing "
                                    + "measurable; `%s` sustained %,d deliveries/s with p99 %,d ms.", other.clients(),
                            other.rate(), other.mode(), other.sustainedPerSecond(), other.p99()));
                    continue;
                }
                out.append(String.format(Locale.ROOT,
                        "%n%,d clients at %d records/s: `%s` sustains %.1f× the deliveries/s of `sink`, with a p99 latency %.1f× lower.",
                        other.clients(), other.rate(), other.mode(),
                        other.sustainedPerSecond() / (double) Math.max(1, dedicated.sustainedPerSecond()),
                        dedicated.p99() / (double) Math.max(1, other.p99())));
            }
        }
        return out.length() == 0 ? "" : out.append("\n").toString();
    }

    private static String storm(List<StormResult> results) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%n## Scenario 3: reconnect storm%n%n"
                + "`bench.storm.history` seconds (a minute) of history are produced, then every client connects at once with a `Last-Event-ID` at its start "
                + "while records keep coming (same rate, 20 s). Time to first event counts from each client's connect; "
                + "all caught up, from the first connect until the last client had every record produced before the "
                + "storm. Every client must get every record once.%n%n"
                + "| mode | clients | records back | first event p50 ms | p99 ms | max ms | caught up | all caught up after ms "
                + "| catch-up deliveries/s | lost | duplicated | not received | Kafka consumers (peak) | history readers opened "
                + "| server threads (peak) | server RSS MiB (peak) |%n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|%n"));
        for (StormResult r : results) {
            out.append(String.format(Locale.ROOT, "| %s | %,d%s | %,d | %,d | %,d | %,d | %,d | %,d | %,.0f | %,d | %,d | %,d | %d | %d | %d | %d |%n",
                    r.mode(), r.opened(), r.failed() > 0 ? " (" + r.failed() + " refused)" : "", r.history(),
                    r.firstEventP50(), r.firstEventP99(), r.firstEventMax(), r.caughtUp(), r.allCaughtUpMs(),
                    r.catchUpDeliveriesPerSecond(), r.lost(), r.duplicated(), r.missing(), r.peakConsumers(),
                    r.historyReaders(), r.peakThreads(), r.peakRssMiB()));
        }
        return out.toString();
    }

    private static String drain(BenchSettings settings, List<DrainScenario.Result> results) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%n## Scenario 2: single-client drain%n%nOne client "
                        + "reads `%s` (%d partitions, ~%d-byte records) from offset 0 until it has every record.%n%n"
                        + "| mode | records | seconds | events/s | MB/s (SSE bytes) | out of order or repeated | server CPU (cores) "
                        + "| server µs/event | server GC ms | machine CPU busy |%n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|%n",
                DrainScenario.TOPIC, settings.partitions(), settings.recordBytes()));
        for (DrainScenario.Result r : results) {
            out.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %,.0f | %.1f | %d | %.2f | %.1f | %,d | %.2f of %d |%n",
                    r.mode(), r.records(), r.seconds(), r.eventsPerSecond(), r.megabytesPerSecond(),
                    r.duplicatedOrOutOfOrder(), r.cpu().server(), r.serverMicrosPerEvent(), r.cpu().gcMillis(),
                    r.cpu().machineBusy(), r.cpu().cores()));
        }
        return out.toString();
    }

    private static String idle(List<IdleScenario.Result> results) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%n## Scenario 4: idle connections%n%n"
                + "Live heap measured after a full collection (jcmd GC.run) before the clients connect and while all are "
                + "open.%n%n| mode | connections | heap per connection KiB | RSS per connection KiB | live heap MiB before → with "
                + "| RSS MiB before → with | threads before → with | Kafka consumers |%n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|%n"));
        for (IdleScenario.Result r : results) {
            out.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %.1f | %d → %d | %d → %d | %d → %d | %d |%n",
                    r.mode(), r.opened(), r.heapKiBPerConnection(), r.rssKiBPerConnection(),
                    r.heapBeforeKiB() / 1024, r.heapAfterKiB() / 1024, r.rssBeforeMiB(), r.rssAfterMiB(),
                    r.threadsBefore(), r.threadsAfter(), r.consumers()));
        }
        return out.toString();
    }

    private static String burst(List<BurstScenario.Result> results) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%n## Scenario 5: connection burst%n%n"
                + "Clients open `/v2/stream/%s` evenly spread over the given time while the topic gets a few records a "
                + "second; open = a 200 answer and the first SSE comment. Times from each client's connect; all open, "
                + "from the first connect to the last stream open. Then one record per partition (the sentinel) is "
                + "produced: every open client must receive it.%n%n"
                + "| mode | clients | spread ms (actual) | generators | opened | failed (by kind) | first byte p50 ms | p99 ms "
                + "| open p50 ms | p99 ms | max ms | all open after ms | server open streams | got the sentinel "
                + "| dropped after open | lost | duplicated | server threads (peak) | server RSS MiB (peak) |%n"
                + "|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|%n",
                BenchRunner.TOPIC));
        for (BurstScenario.Result r : results) {
            out.append(String.format(Locale.ROOT, "| %s | %,d | %,d (%,d) | %d | %,d | %,d%s | %,d | %,d | %,d | %,d | %,d "
                            + "| %,d | %,d | %,d | %,d | %,d | %,d | %d | %d |%n",
                    r.mode(), r.clients(), r.spreadMillis(), r.connectSpreadMillis(), r.generators(), r.opened(), r.failed(),
                    r.failed() > 0 ? " (" + r.failureKinds() + ")" : "", r.firstByteP50(), r.firstByteP99(), r.openP50(),
                    r.openP99(), r.openMax(), r.allOpenMs(), r.serverOpenStreams(), r.sentinelReceived(),
                    r.droppedAfterOpen(), r.lost(), r.duplicated(), r.peakThreads(), r.peakRssMiB()));
        }
        return out.toString();
    }

    private static String topics(List<TopicsScenario.Result> results) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%n## Scenario 6: many topics%n%n"
                + "Each topic gets its own clients (`/v2/stream/<topic>`, every topic's first client before any second "
                + "one, at most 100 opening at a time, from one generator JVM); open = a 200 answer and the first SSE "
                + "comment; all open = from the first connect to the last stream open. Then one record (the sentinel) "
                + "to each partition of each topic: every client must receive its own topic's sentinels once and "
                + "nothing of another topic. Before = the idle server; open = once every stream was open. Broker "
                + "TCP conns counts every process's connections to the broker port, the runner's producer and admin "
                + "client included. Released = from deleting the topics until the server fed none and held no stream.%n%n"
                + "| mode | topics × clients (partitions) | streams opened (failed) | all open after ms | open p50 ms | p99 ms "
                + "| server: open streams, topics fed | sentinels delivered / expected | clients with all | lost | duplicated "
                + "| wrong topic | live consumers before → open | consumers feed/history/lookup before → open "
                + "| broker TCP conns before → open | server threads before → open (peak) | server RSS MiB before → open (peak) "
                + "| released after ms |%n"
                + "|---|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---|---|---|---|---|---:|%n"));
        for (TopicsScenario.Result r : results) {
            TopicsScenario.Snapshot b = r.before();
            TopicsScenario.Snapshot o = r.open();
            out.append(String.format(Locale.ROOT, "| %s | %,d × %d (%d) | %,d%s | %,d | %,d | %,d | %,d, %,d | %,d / %,d | %,d "
                            + "| %,d | %,d | %,d | %d → %d | %d/%d/%d → %d/%d/%d | %d → %d | %d → %d (%d) | %d → %d (%d) | %,d |%n",
                    r.mode(), r.topics(), r.clientsPerTopic(), r.partitions(), r.opened(),
                    r.failed() > 0 ? " (" + r.failed() + ")" : "", r.allOpenMs(), r.openP50(), r.openP99(),
                    r.serverOpenStreams(), r.serverTopics(), r.delivered(), r.expected(), r.reachedEnd(), r.lost(),
                    r.duplicated(), r.wrongTopic(), b.liveConsumers(), o.liveConsumers(), b.feed(), b.history(), b.lookup(),
                    o.feed(), o.history(), o.lookup(), b.brokerConnections(), o.brokerConnections(), b.threads(),
                    o.threads(), r.peakThreads(), b.rssMiB(), o.rssMiB(), r.peakRssMiB(), r.releasedMs()));
        }
        return out.toString();
    }

    static void write(Path file, String table) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, table);
    }

    private static String machine() {
        String cpu = firstValue("/proc/cpuinfo", "model name");
        String memory = firstValue("/proc/meminfo", "MemTotal");
        long memKiB = memory == null ? 0 : Long.parseLong(memory.replaceAll("\\D", ""));
        return String.format(Locale.ROOT, "%d cores%s, %.1f GiB memory, %s %s (%s), %s %s",
                Runtime.getRuntime().availableProcessors(), cpu == null ? "" : " (" + cpu + ")",
                memKiB / 1024.0 / 1024.0, System.getProperty("java.vm.name"), System.getProperty("java.version"),
                System.getProperty("java.vendor"), System.getProperty("os.name"), System.getProperty("os.version"));
    }

    private static String firstValue(String file, String key) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return null;
    }

    private static String window(List<WindowScenario.Result> results) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%n## Scenario 7: window memory%n%nOne client opens `%s`, "
                + "whose windows are pre-filled from the end of each partition; every partition holds half again what a window "
                + "may keep. Held: what `/v2/stats` reports; heap growth: live heap (after a full GC) with the windows full minus "
                + "before the client.%n%n", WindowScenario.TOPIC));
        out.append("| mode | partitions | record bytes | records per partition | window-bytes setting | bound (partitions × setting) "
                + "| records held | bytes held | live heap growth | within the bound |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (WindowScenario.Result r : results) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %,d | %,d | %,d | %,d | %,d | %,d | %,d | %s |%n", r.mode(),
                    r.partitions(), r.recordBytes(), r.recordsPerPartition(), r.windowBytesSetting(), r.boundBytes(),
                    r.heldRecords(), r.heldBytes(), r.heapGrowthBytes(),
                    r.heldBytes() <= r.boundBytes() && r.heapGrowthBytes() <= r.boundBytes() ? "yes" : "no"));
        }
        return out.toString();
    }
}
