package io.kafkasse.bench;

import java.util.Map;

/**
 * Scenario 3, reconnect storm: {@code clients} clients connect at once with a {@code Last-Event-ID} one minute back
 * while records keep coming. Time to first event is from each client's connect; all caught up is from the first
 * connect until the last client had every record produced before the storm.
 */
record StormResult(String mode, int clients, int opened, int failed, long firstEventP50, long firstEventP99,
                   long firstEventMax, int caughtUp, long allCaughtUpMs, long history, long lost, long duplicated,
                   long missing, long peakThreads, long peakRssMiB, long peakConsumers, long historyReaders) {

    static StormResult of(String mode, long history, Map<String, String> generator, PeakSampler peaks, long historyReaders) {
        return new StormResult(mode, Integer.parseInt(generator.get("clients")), Integer.parseInt(generator.get("opened")),
                Integer.parseInt(generator.get("failed")), Long.parseLong(generator.get("firstEventP50")),
                Long.parseLong(generator.get("firstEventP99")), Long.parseLong(generator.get("firstEventMax")),
                Integer.parseInt(generator.get("caughtUp")), Long.parseLong(generator.get("allCaughtUpMs")), history,
                Long.parseLong(generator.get("lost")), Long.parseLong(generator.get("duplicated")),
                Long.parseLong(generator.get("missing")), peaks.threads(), peaks.rssMiB(), peaks.consumers(), historyReaders);
    }

    /** Records delivered a second from the first connect until every client had the history: {@code clients × history / time}. */
    double catchUpDeliveriesPerSecond() {
        return allCaughtUpMs <= 0 ? 0 : caughtUp * (double) history / (allCaughtUpMs / 1000.0);
    }
}
