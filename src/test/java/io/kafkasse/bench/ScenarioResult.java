package io.kafkasse.bench;

import java.util.Map;

/** One row of the results table: one number of clients at one rate, measured. */
record ScenarioResult(String mode, int clients, int rate, int opened, int failed, long offeredPerSecond, long sustainedPerSecond,
                      long p50, long p99, long p999, long max, long lost, long duplicated, long missing,
                      long rssMiB, long threads, long heapUsedMiB, long liveConsumers, long brokerConnections,
                      double generatorCpuShare, double generatorMicrosPerDelivery, CpuMeter.Usage cpu) {

    /** The server's CPU time per delivery in the measured window, in microseconds. */
    double serverMicrosPerDelivery() {
        return sustainedPerSecond <= 0 ? 0 : cpu.server() * 1e6 / sustainedPerSecond;
    }

    static ScenarioResult of(String mode, int rate, Map<String, String> generator, PeakSampler peaks, long heapUsedMiB,
                             long liveConsumers, long brokerConnections, CpuMeter.Usage cpu) {
        int opened = Integer.parseInt(generator.get("opened"));
        long cpuMs = Long.parseLong(generator.get("cpuMs"));
        long wallMs = Math.max(1, Long.parseLong(generator.get("wallMs")));
        long deliveries = Math.max(1, Long.parseLong(generator.get("deliveriesInWall")));
        return new ScenarioResult(mode, Integer.parseInt(generator.get("clients")), rate, opened,
                Integer.parseInt(generator.get("failed")),
                (long) rate * opened,
                deliveries * 1000 / wallMs,
                Long.parseLong(generator.get("p50")), Long.parseLong(generator.get("p99")),
                Long.parseLong(generator.get("p999")), Long.parseLong(generator.get("max")),
                Long.parseLong(generator.get("lost")), Long.parseLong(generator.get("duplicated")),
                Long.parseLong(generator.get("missing")),
                peaks.rssMiB(), peaks.threads(), heapUsedMiB, liveConsumers, brokerConnections,
                (double) cpuMs / wallMs, cpuMs * 1000.0 / deliveries, cpu);
    }
}
