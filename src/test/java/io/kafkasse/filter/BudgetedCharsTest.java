package io.kafkasse.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BudgetedCharsTest {

    @Test
    void theBudgetGrowsWithTheText() {
        BudgetedChars chars = new BudgetedChars("abc");
        for (int i = 0; i < 13_000; i++) {
            chars.charAt(i % 3);
        }
        BudgetedChars.Exhausted e = assertThrows(BudgetedChars.Exhausted.class, () -> chars.charAt(0));
        assertEquals(13_000, e.budget());
    }

    @Test
    void readsTheTextItWraps() {
        BudgetedChars chars = new BudgetedChars("key");
        assertEquals(3, chars.length());
        assertEquals('e', chars.charAt(1));
        assertEquals("ey", chars.subSequence(1, 3).toString());
        assertEquals("key", chars.toString());
    }
}
