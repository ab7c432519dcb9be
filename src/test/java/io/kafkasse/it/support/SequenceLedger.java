package io.kafkasse.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one client received of records whose values are {@code {"p":partition,"seq":n}}: per partition, the sequence
 * numbers in arrival order, and how many {@code end} events came. Fed on the client's thread, read by the test.
 */
public final class SequenceLedger {

    private static final Pattern SEQUENCE = Pattern.compile("\"p\":(\\d+),\"seq\":(\\d+)");

    private final List<List<Long>> received = new ArrayList<>();
    private int ends;
    private long lastRecordNanos;
    private long longestSilenceBeforeEndNanos;

    public SequenceLedger(int partitions) {
        for (int p = 0; p < partitions; p++) {
            received.add(new ArrayList<>());
        }
    }

    public synchronized void accept(EventSourceClient.Event event) {
        long now = System.nanoTime();
        if (event.type().equals("end")) {
            ends++;
            if (lastRecordNanos != 0) {
                longestSilenceBeforeEndNanos = Math.max(longestSilenceBeforeEndNanos, now - lastRecordNanos);
            }
            return;
        }
        if (!event.type().equals("message")) {
            return;
        }
        Matcher matcher = SEQUENCE.matcher(event.data());
        if (matcher.find()) {
            lastRecordNanos = now;
            received.get(Integer.parseInt(matcher.group(1))).add(Long.parseLong(matcher.group(2)));
        }
    }

    /** The first sequence number received of partition 0, or -1. */
    public synchronized long first() {
        return received.get(0).isEmpty() ? -1 : received.get(0).get(0);
    }

    public synchronized int ends() {
        return ends;
    }

    /**
     * The longest time between the last record and an {@code end} event that followed it: how long the stream stayed
     * silent before it was ended (while records were being produced, a stream that keeps delivering stays short).
     */
    public synchronized Duration longestSilenceBeforeEnd() {
        return Duration.ofNanos(longestSilenceBeforeEndNanos);
    }

    /** Whether the last record received of each partition is at least {@code sequences[p]}. */
    public synchronized boolean reached(long[] sequences) {
        for (int p = 0; p < sequences.length; p++) {
            List<Long> seqs = received.get(p);
            if (sequences[p] >= 0 && (seqs.isEmpty() || seqs.get(seqs.size() - 1) < sequences[p])) {
                return false;
            }
        }
        return true;
    }

    /** Whether every ledger's last record of each partition is at least {@code sequences[p]}. */
    public static boolean allReached(SequenceLedger[] ledgers, long[] sequences) {
        for (SequenceLedger ledger : ledgers) {
            if (!ledger.reached(sequences)) {
                return false;
            }
        }
        return true;
    }

    /** Per partition: every number from the first received to {@code last[p]}, each once, in order. */
    public synchronized void assertContiguousThrough(long[] last, String who) {
        for (int p = 0; p < last.length; p++) {
            List<Long> seqs = received.get(p);
            if (seqs.isEmpty()) {
                fail(who + " received nothing of partition " + p);
            }
            long first = seqs.get(0);
            for (int i = 0; i < seqs.size(); i++) {
                if (seqs.get(i) != first + i) {
                    fail(who + ", partition " + p + ": expected " + (first + i) + " at position " + i + " but got "
                            + seqs.get(i) + (seqs.get(i) < first + i ? " (a repeat)" : " (a gap)"));
                }
            }
            assertEquals(last[p], seqs.get(seqs.size() - 1), who + ", partition " + p + ": the last record");
        }
    }
}
