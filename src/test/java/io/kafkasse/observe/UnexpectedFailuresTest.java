package io.kafkasse.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UnexpectedFailuresTest {

    @Test
    void countsFailuresAndKeepsTheLastOnesPlaceAndClass() {
        UnexpectedFailures failures = new UnexpectedFailures();
        assertEquals(0, failures.count());
        assertNull(failures.last());

        failures.record("feed", new IllegalStateException("x"));
        failures.record("sender", new OutOfMemoryError("Java heap space"));

        assertEquals(2, failures.count());
        assertTrue(failures.last().startsWith("sender: java.lang.OutOfMemoryError at "), failures.last());
    }
}
