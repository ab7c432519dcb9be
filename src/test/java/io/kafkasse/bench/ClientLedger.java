package io.kafkasse.bench;

/**
 * What one client received, per partition: every record from the start offsets to the end offsets must arrive exactly
 * once and in order, so a record below the next expected offset is a duplicate and a jump over it is a loss;
 * records still missing at the end were not delivered in time (or not at all, when the connection died).
 */
final class ClientLedger {

    private final long[] next;
    private long duplicated;
    private long lost;
    private long unexpected;

    ClientLedger(int partitions) {
        next = new long[partitions];
        java.util.Arrays.fill(next, -1);
    }

    /** The next offset expected of each partition (-1 before {@link #start}): where a reconnect resumes. */
    long[] next() {
        return next.clone();
    }

    void start(long[] startOffsets) {
        System.arraycopy(startOffsets, 0, next, 0, next.length);
    }

    /** Returns true when the record is a new, in-order delivery. */
    boolean received(int partition, long offset) {
        if (partition < 0 || partition >= next.length || next[partition] < 0) {
            unexpected++;
            return false;
        }
        if (offset < next[partition]) {
            duplicated++;
            return false;
        }
        lost += offset - next[partition];
        next[partition] = offset + 1;
        return true;
    }

    boolean reached(long[] endOffsets) {
        for (int p = 0; p < next.length; p++) {
            if (next[p] < endOffsets[p]) {
                return false;
            }
        }
        return true;
    }

    /** Records skipped over: a later offset of the partition arrived instead. */
    long lost() {
        return lost;
    }

    /** Records not received (yet) at the end of the run: the server fell behind, or the connection died. */
    long missing(long[] endOffsets) {
        long missing = 0;
        for (int p = 0; p < next.length; p++) {
            missing += Math.max(0, endOffsets[p] - Math.max(next[p], 0));
        }
        return missing;
    }

    long duplicated() {
        return duplicated;
    }

    long unexpected() {
        return unexpected;
    }
}
