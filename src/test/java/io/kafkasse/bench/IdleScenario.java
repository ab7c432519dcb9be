package io.kafkasse.bench;

import java.time.Duration;
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

    static Result run(String mode, BenchSettings settings, ServerProbe probe, int clients) throws Exception {
        System.out.printf("%nIdle (%s): %,d connections...%n", mode, clients);
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
            return result;
        }
    }
}
