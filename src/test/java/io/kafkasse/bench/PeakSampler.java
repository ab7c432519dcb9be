package io.kafkasse.bench;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Samples the server's resident memory and thread count once a second during a run and keeps the peaks. */
final class PeakSampler implements AutoCloseable {

    private final ServerProbe probe;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "peak-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long rssMiB;
    private volatile long threads;

    PeakSampler(ServerProbe probe) {
        this.probe = probe;
        timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    private void sample() {
        rssMiB = Math.max(rssMiB, probe.rssMiB());
        threads = Math.max(threads, probe.threads());
    }

    long rssMiB() {
        return rssMiB;
    }

    long threads() {
        return threads;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
