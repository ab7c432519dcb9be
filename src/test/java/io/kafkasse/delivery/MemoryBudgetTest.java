package io.kafkasse.delivery;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.kafkasse.error.StreamProblem;

class MemoryBudgetTest {

    private final AtomicLong held = new AtomicLong();
    private final MemoryBudget budget = new MemoryBudget(1_000, held::get);

    @Test
    void historyIsTurnedAwayWithTheRetryableAnswerOnlyWhileTheLastSampleIsOverTheBound() {
        held.set(1_000);
        budget.sample();
        assertDoesNotThrow(budget::checkRoomForHistory);

        held.set(1_001);
        assertDoesNotThrow(budget::checkRoomForHistory, "not sampled yet");
        budget.sample();
        StreamProblem refused = assertThrows(StreamProblem.class, budget::checkRoomForHistory);
        assertEquals(503, refused.status());
        assertTrue(refused.retryable());
        assertEquals("server-busy", refused.type());

        held.set(10);
        budget.sample();
        assertDoesNotThrow(budget::checkRoomForHistory);
        assertEquals(10, budget.held());
    }
}
