package io.kafkasse.bench;

/**
 * Latency counts, one slot per millisecond up to a minute, plus an overflow slot. Record timestamps have millisecond
 * resolution, so finer slots would only measure noise; HdrHistogram is not available here and is not needed for this.
 */
final class LatencyHistogram {

    private static final int MAX_MS = 60_000;

    private final long[] counts = new long[MAX_MS + 2];
    private long total;
    private long max;

    void record(long millis) {
        int slot = millis < 0 ? 0 : (int) Math.min(millis, MAX_MS + 1);
        counts[slot]++;
        total++;
        max = Math.max(max, millis);
    }

    long count() {
        return total;
    }

    long max() {
        return max;
    }

    /** The smallest latency that at least {@code fraction} of the recorded values do not exceed; -1 when empty. */
    long percentile(double fraction) {
        if (total == 0) {
            return -1;
        }
        long needed = (long) Math.ceil(fraction * total);
        long seen = 0;
        for (int slot = 0; slot < counts.length; slot++) {
            seen += counts[slot];
            if (seen >= needed) {
                return slot > MAX_MS ? max : slot;
            }
        }
        return max;
    }
}
