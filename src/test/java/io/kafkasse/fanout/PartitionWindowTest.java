package io.kafkasse.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.kafkasse.sink.EncodedData;

/** The ring a topic's consumer writes and its clients read: places found by offset, entries lost only to newer ones. */
class PartitionWindowTest {

    private final PartitionWindow window = new PartitionWindow(4, 100);

    private void append(long offset) {
        window.append(new ConsumerRecord<>("t", 0, offset, new byte[0], new byte[0]), null, new EncodedData("{}"));
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
}
