package io.kafkasse.position;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class RequestedPositionTest {

    @Test
    void anOffsetIsUsedEvenWhenATimestampIsAlsoGiven() {
        assertTrue(new RequestedPosition("orders", 1, 43L, 1_763_806_530_000L).hasOffset());
        assertTrue(new RequestedPosition("orders", 1, 43L, null).hasOffset());
        assertFalse(new RequestedPosition("orders", 1, null, 1_763_806_530_000L).hasOffset());
    }

    @Test
    void namesItsKafkaPartition() {
        assertEquals(new TopicPartition("orders", 3), new RequestedPosition("orders", 3, 0L, null).topicPartition());
    }

    @Test
    void needsAnOffsetOrATimestamp() {
        assertThrows(IllegalArgumentException.class, () -> new RequestedPosition("orders", 0, null, null));
    }

    @Test
    void refusesNegativeNumbersWhichKafkaWouldReadAsSymbolicPositions() {
        assertThrows(IllegalArgumentException.class, () -> new RequestedPosition("orders", -1, 0L, null));
        assertThrows(IllegalArgumentException.class, () -> new RequestedPosition("orders", 0, -1L, null));
        assertThrows(IllegalArgumentException.class, () -> new RequestedPosition("orders", 0, null, -1L));
    }

    @Test
    void needsATopic() {
        assertThrows(NullPointerException.class, () -> new RequestedPosition(null, 0, 0L, null));
    }
}
