package io.kafkasse.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.kafkasse.sink.EncodedData;

/** The ring a feed writes and its clients read: places found by offset, entries lost only to newer ones or to the byte bound. */
class PartitionWindowTest {

    private final PartitionWindow window = new PartitionWindow(4, Long.MAX_VALUE, 100);

    private static void append(PartitionWindow window, long offset, String data) {
        window.append(WindowEntry.of(window.head(), new ConsumerRecord<>("t", 0, offset, null, null), null, new EncodedData(data)));
    }

    private void append(long offset) {
        append(window, offset, "{}");
    }

    /** What one entry of this data costs the byte bound. */
    private static int cost(String data) {
        return WindowEntry.OVERHEAD_BYTES + new EncodedData(data).size();
    }

    @Test
    void anEmptyWindowServesItsStartOffsetOnly() {
        assertEquals(0, window.seqFor(100));
        assertEquals(-1, window.seqFor(99), "history before the window");
        assertEquals(0, window.seqFor(150), "a reader ahead of the window waits at the head");
    }

    @Test
    void readersFindTheirPlaceByOffsetAcrossGaps() {
        append(100);
        append(101);
        append(105); // offsets 102-104 were transaction markers
        assertEquals(1, window.seqFor(101));
        assertEquals(2, window.seqFor(102), "the first entry at or after the offset");
        assertEquals(3, window.seqFor(106), "the head, for the next record");
        assertEquals(105, window.at(2).offset());
        assertEquals(106, window.nextOffset());
    }

    @Test
    void entriesOverwrittenByNewerOnesAreGoneAndSoIsTheHistoryBeforeThem() {
        for (long offset = 100; offset < 106; offset++) {
            append(offset);
        }
        assertNull(window.at(0));
        assertNull(window.at(1));
        assertEquals(102, window.at(2).offset());
        assertEquals(102, window.coveredFrom());
        assertEquals(-1, window.seqFor(101));
        assertEquals(2, window.seqFor(102));
    }

    @Test
    void theByteBoundEvictsTheOldestEntriesButNeverTheNewest() {
        String tenKb = "\"" + "x".repeat(10_000) + "\"";
        PartitionWindow bounded = new PartitionWindow(1000, 3L * cost(tenKb), 0);
        for (long offset = 0; offset < 10; offset++) {
            append(bounded, offset, tenKb);
            assertTrue(bounded.bytes() <= 3L * cost(tenKb), "bytes held " + bounded.bytes());
        }
        assertEquals(3, bounded.size());
        assertEquals(7, bounded.coveredFrom());
        assertNull(bounded.at(6));
        assertEquals(7, bounded.at(7).offset());

        PartitionWindow tiny = new PartitionWindow(1000, 10, 0);
        append(tiny, 0, tenKb);
        append(tiny, 1, tenKb);
        assertEquals(1, tiny.size(), "an entry larger than the bound is still kept alone");
        assertEquals(1, tiny.at(1).offset());
    }

    @Test
    void aReaderJoinsOnlyClearOfTheOldestTenthOnceTheWindowEvicts() {
        PartitionWindow full = new PartitionWindow(100, Long.MAX_VALUE, 0);
        for (long offset = 0; offset < 100; offset++) {
            append(full, offset, "{}");
        }
        assertTrue(full.roomyAt(full.seqFor(0)), "nothing evicted yet: anywhere inside");
        append(full, 100, "{}");
        assertFalse(full.roomyAt(full.seqFor(1)), "the oldest record held");
        assertFalse(full.roomyAt(full.seqFor(10)));
        assertTrue(full.roomyAt(full.seqFor(11)));
        assertFalse(full.roomyAt(-1));
    }
}
