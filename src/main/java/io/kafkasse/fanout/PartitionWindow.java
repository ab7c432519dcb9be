package io.kafkasse.fanout;

import java.util.concurrent.atomic.AtomicReferenceArray;

import jakarta.json.JsonValue;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.kafkasse.sink.EncodedData;

/**
 * The most recent records of one partition, in a ring that the topic's consumer thread appends to and any number of
 * client threads read without locks. Entries are numbered by a sequence that only grows; an entry stays readable until
 * {@code capacity} newer ones have been appended. Kafka offsets may have gaps (transaction markers, compaction), so
 * readers find their place by offset once and then follow the sequence.
 */
final class PartitionWindow {

    private final AtomicReferenceArray<WindowEntry> ring;
    private final int capacity;
    /** Sequence number of the next entry; entries {@code [head - capacity, head)} are in the ring. */
    private volatile long head;
    /** Offset of the next record the consumer will append. */
    private volatile long nextOffset;
    /** The first offset this window serves: every record from here up to {@link #nextOffset} is in the ring. */
    private volatile long coveredFrom;

    PartitionWindow(int capacity, long startOffset) {
        this.capacity = capacity;
        this.ring = new AtomicReferenceArray<>(capacity);
        this.nextOffset = startOffset;
        this.coveredFrom = startOffset;
    }

    /** Called by the consumer thread only, in offset order. */
    void append(ConsumerRecord<byte[], byte[]> record, JsonValue value, EncodedData data) {
        long seq = head;
        int slot = (int) (seq % capacity);
        WindowEntry evicted = ring.get(slot);
        if (evicted != null) {
            coveredFrom = evicted.offset() + 1;
        }
        ring.set(slot, new WindowEntry(seq, record, value, data));
        nextOffset = record.offset() + 1;
        head = seq + 1;
    }

    long head() {
        return head;
    }

    long nextOffset() {
        return nextOffset;
    }

    long coveredFrom() {
        return coveredFrom;
    }

    int capacity() {
        return capacity;
    }

    /** The entry with this sequence number (below {@link #head()}), or {@code null} once it was overwritten. */
    WindowEntry at(long seq) {
        WindowEntry entry = ring.get((int) (seq % capacity));
        return entry != null && entry.seq() == seq ? entry : null;
    }

    /**
     * The sequence number at which a reader whose next offset is {@code offset} continues: the first entry at or after
     * that offset, or the head. -1 when records before it are no longer in the window, so the reader needs history.
     */
    long seqFor(long offset) {
        long h = head;
        if (offset < coveredFrom) {
            return -1;
        }
        long low = Math.max(0, h - capacity);
        long high = h;
        while (low < high) {
            long mid = (low + high) >>> 1;
            WindowEntry entry = at(mid);
            if (entry == null) {
                return -1;
            }
            if (entry.offset() < offset) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
