package io.kafkasse.bench;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Samples the server's resident memory, thread count and Kafka consumers once a second during a run and keeps the peaks. */
final class PeakSampler implements AutoCloseable {

    private final ServerProbe probe;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "peak-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long rssMiB;
    private volatile long threads;
    private volatile long consumers;

    PeakSampler(ServerProbe probe) {
        this.probe = probe;
        timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    private void sample() {
        rssMiB = Math.max(rssMiB, probe.rssMiB());
        threads = Math.max(threads, probe.threads());
        consumers = Math.max(consumers, probe.stat("liveConsumers"));
    }

    long rssMiB() {
        return rssMiB;
    }

    long threads() {
        return threads;
    }

    /** The most Kafka consumers the server held at once for feeds and history ({@code liveConsumers} of /v2/stats). */
    long consumers() {
        return consumers;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
