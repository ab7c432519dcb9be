package io.kafkasse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Scenario 4, idle: {@code clients} connections that receive nothing but heartbeats. What each costs the server is the
 * difference in live heap (after a full collection), resident memory and threads between before they connect and
 * while they are all open, divided by their number.
 */
final class IdleScenario {

    record Result(String mode, int clients, int opened, long heapBeforeKiB, long heapAfterKiB, long rssBeforeMiB, long rssAfterMiB,
                  long threadsBefore, long threadsAfter, long consumers) {

        double heapKiBPerConnection() {
            return (heapAfterKiB - heapBeforeKiB) / (double) opened;
        }

        double rssKiBPerConnection() {
            return (rssAfterMiB - rssBeforeMiB) * 1024.0 / opened;
        }
    }

    private IdleScenario() {
    }

    /**
     * Where an idle connection's heap goes: the live objects (class histograms after a full GC) with every connection
     * open minus those before, per connection, the 30 classes that grew most.
     */
    private static void writeHistogram(Path file, Map<String, long[]> before, Map<String, long[]> open,
                                       int connections) throws IOException {
        if (before.isEmpty() || open.isEmpty() || connections == 0) {
            return;
        }
        StringBuilder out = new StringBuilder("| class | instances per connection | bytes per connection |\n|---|---:|---:|\n");
        long[] none = {0, 0};
        open.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[1] - before.getOrDefault(b.getKey(), none)[1],
                        a.getValue()[1] - before.getOrDefault(a.getKey(), none)[1]))
                .limit(30)
                .forEach(e -> out.append(String.format(Locale.ROOT, "| `%s` | %.2f | %.0f |%n", e.getKey(),
                        (e.getValue()[0] - before.getOrDefault(e.getKey(), none)[0]) / (double) connections,
                        (e.getValue()[1] - before.getOrDefault(e.getKey(), none)[1]) / (double) connections)));
        Files.writeString(file, out);
        System.out.println("  heap per connection by class: " + file);
    }

    static Result run(String mode, BenchSettings settings, ServerProbe probe, int clients) throws Exception {
        System.out.printf("%nIdle (%s): %,d connections...%n", mode, clients);
        Map<String, long[]> histogramBefore = probe.classHistogram();
        long heapBefore = probe.heapLiveKiB();
        long rssBefore = probe.rssMiB();
        long threadsBefore = probe.threads();
        try (GeneratorProcess generator = GeneratorProcess.start(settings, clients)) {
            Map<String, String> ready = generator.await("READY", Duration.ofMinutes(5));
            int opened = Integer.parseInt(ready.get("opened"));
            Result result = new Result(mode, clients, opened, heapBefore, probe.heapLiveKiB(), rssBefore, probe.rssMiB(),
                    threadsBefore, probe.threads(), probe.stat("liveConsumers"));
            System.out.printf("  %d open: %.1f KiB heap and %.1f KiB RSS per connection, threads %d -> %d%n", opened,
                    result.heapKiBPerConnection(), result.rssKiBPerConnection(), threadsBefore, result.threadsAfter());
            writeHistogram(settings.dir().resolve("idle-heap-" + mode + ".md"), histogramBefore, probe.classHistogram(), opened);
            return result;
        }
    }
}
