package io.kafkasse.source;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The most recent records of one partition, in a ring that the feed's poll thread appends to and any number of client
 * threads read without locks. Entries are numbered by a sequence that only grows; the window holds the entries
 * {@code [tail, head)}, at most {@code capacity} of them and at most {@code maxBytes} (the newest entry always stays).
 * Kafka offsets may have gaps (transaction markers, compaction), so readers find their place by offset once and then
 * follow the sequence.
 * <p>
 * Ordering rule readers depend on: {@link #append} writes the slot before it moves {@code head} (a volatile write), so a
 * reader that sees {@code head} see the entry; it moves {@code tail} before it clears an evicted slot, and an entry
 * whose {@code seq} does not match the one asked for is gone.
 */
public final class PartitionWindow {

    private final AtomicReferenceArray<WindowEntry> ring;
    private final int capacity;
    private final long maxBytes;
    /** Sequence number of the next entry. */
    private volatile long head;
    /** Sequence number of the oldest entry held. */
    private volatile long tail;
    /** Offset of the next record the feed will append. */
    private volatile long nextOffset;
    /** The first offset this window serves: every record from here up to {@link #nextOffset} is in the ring. */
    private volatile long coveredFrom;
    /** Bytes held; written by the poll thread only. */
    private volatile long bytes;
    /** Records in the partition the feed has not fetched yet, as of its last fetch; -1 until known. Poll thread writes. */
    private volatile long lag = -1;

    public PartitionWindow(int capacity, long maxBytes, long startOffset) {
        this.capacity = capacity;
        this.maxBytes = maxBytes;
        this.ring = new AtomicReferenceArray<>(capacity);
        this.nextOffset = startOffset;
        this.coveredFrom = startOffset;
    }

    /** Called by the poll thread only, in offset order. */
    void append(WindowEntry entry) {
        int size = entry.bytes();
        long held = bytes + size;
        long t = tail;
        long h = head;
        // Room for the new entry: by count, then by bytes (never evicting the entry being added).
        while (h - t >= capacity || (held > maxBytes && t < h)) {
            WindowEntry evicted = ring.get(slot(t));
            held -= evicted.bytes();
            coveredFrom = evicted.offset() + 1;
            tail = ++t;
            ring.set(slot(t - 1), null);
        }
        ring.set(slot(h), entry);
        bytes = held;
        nextOffset = entry.offset() + 1;
        head = h + 1;
    }

    /**
     * Whether appending this entry would evict the entry {@code seq} or a later one (one that a reader at {@code seq}
     * has yet to read). Called by the poll thread only, as {@link #append} is, so nothing moves meanwhile.
     */
    boolean wouldEvict(long seq, WindowEntry entry) {
        long held = bytes + entry.bytes();
        long t = tail;
        long h = head;
        while (h - t >= capacity || (held > maxBytes && t < h)) {
            if (t >= seq) {
                return true;
            }
            held -= ring.get(slot(t)).bytes();
            t++;
        }
        return false;
    }

    private int slot(long seq) {
        return (int) (seq % capacity);
    }

    public long head() {
        return head;
    }

    public long tail() {
        return tail;
    }

    public long nextOffset() {
        return nextOffset;
    }

    public long coveredFrom() {
        return coveredFrom;
    }

    public int capacity() {
        return capacity;
    }

    /** Records held now. */
    public long size() {
        return head - tail;
    }

    /** The feed's lag behind the partition's end (records), as of its last fetch; -1 until it is known. */
    public long lag() {
        return lag;
    }

    /** Poll thread only. */
    void lag(long records) {
        lag = records;
    }

    /** Bytes held now, by the estimate the bound applies. */
    public long bytes() {
        return bytes;
    }

    /** The entry with this sequence number (below {@link #head()}), or {@code null} once it was evicted. */
    public WindowEntry at(long seq) {
        if (seq < tail) {
            return null;
        }
        WindowEntry entry = ring.get(slot(seq));
        return entry != null && entry.seq() == seq ? entry : null;
    }

    /**
     * The sequence number at which a reader whose next offset is {@code offset} continues: the first entry at or after
     * that offset, or the head. -1 when records before it are no longer in the window, so the reader needs history.
     */
    public long seqFor(long offset) {
        if (offset < coveredFrom) {
            return -1;
        }
        long low = tail;
        long high = head;
        while (low < high) {
            long mid = (low + high) >>> 1;
            WindowEntry entry = at(mid);
            if (entry == null) {
                return -1; // evicted while searching: the reader is at the very edge, and needs history
            }
            if (entry.offset() < offset) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /**
     * Whether a reader may start reading at {@code seq} without falling out again at once: the window never evicted
     * anything, or the reader is clear of the oldest tenth of what it holds (reading the window is far faster than the
     * feed appends, so a tenth is a wide margin).
     */
    public boolean roomyAt(long seq) {
        if (seq < 0) {
            return false;
        }
        long t = tail;
        return t == 0 || seq - t >= Math.max(1, (head - t) / 10);
    }
}
