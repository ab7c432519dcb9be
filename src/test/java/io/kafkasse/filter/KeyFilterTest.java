package io.kafkasse.filter;

import static io.kafkasse.filter.Records.filter;
import static io.kafkasse.filter.Records.withKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class KeyFilterTest {

    @Test
    void theWholeKeyMustMatch() {
        RecordFilter filter = filter("key", "order-\\d+");
        assertTrue(filter.accept(withKey("order-17"), null));
        assertFalse(filter.accept(withKey("order-17-refund"), null));
        assertFalse(filter.accept(withKey("my-order-17"), null));
    }

    @Test
    void aRecordWithoutAKeyNeverMatches() {
        assertFalse(filter("key", ".*").accept(withKey(null), null));
    }

    @Test
    void anyOfSeveralPatternsMayMatch() {
        RecordFilter filter = filter("key", "a.*", "b.*");
        assertTrue(filter.accept(withKey("apple"), null));
        assertTrue(filter.accept(withKey("banana"), null));
        assertFalse(filter.accept(withKey("cherry"), null));
    }

    @Test
    void readsTheKeyAsUtf8() {
        assertTrue(filter("key", "caf.").accept(withKey("café"), null));
    }

    @Test
    void anEmptyPatternMatchesOnlyAnEmptyKey() {
        RecordFilter filter = filter("key", "");
        assertTrue(filter.accept(withKey(""), null));
        assertFalse(filter.accept(withKey("x"), null));
    }

    @Test
    void theClassicCatastrophicPatternReturnsQuickly() {
        RecordFilter filter = filter("key", "(a+)+$");
        assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertFalse(filter.accept(withKey("a".repeat(60) + "!"), null)));
    }

    // Since Java 9, java.util.regex remembers where a repeated group failed, which defuses (a+)+$ by itself. A back
    // reference turns that off, and nested .* loops are polynomial; only the budget stops these two.
    @Test
    void exponentialBacktrackingGivesUpQuicklyAsNoMatch() {
        RecordFilter filter = filter("key", "(a+)+\\1$");
        assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertFalse(filter.accept(withKey("a".repeat(60) + "!"), null)));
    }

    @Test
    void polynomialBacktrackingGivesUpQuicklyAsNoMatch() {
        RecordFilter filter = filter("key", "(.*a){20}");
        assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertFalse(filter.accept(withKey("a".repeat(60) + "!"), null)));
    }

    @Test
    void thePatternThatRepeatsMostWithinTheLimitStillReturnsQuickly() {
        RecordFilter filter = filter("key", "(?:(?:(?:){10}){10}){10}x");
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            for (int i = 0; i < 1_000; i++) {
                assertFalse(filter.accept(withKey("y".repeat(100)), null));
            }
        });
    }

    @Test
    void theSamePatternStillMatchesKeysItHandlesQuickly() {
        assertTrue(filter("key", "(a+)+$").accept(withKey("a".repeat(60)), null));
    }

    @Test
    void ordinaryPatternsMatchLongKeysWithinTheBudget() {
        String key = "user-" + "x".repeat(100_000) + "-42";
        assertTrue(filter("key", "user-.*-\\d+").accept(withKey(key), null));
        assertTrue(filter("key", ".*x-4.*").accept(withKey(key), null));
    }

    @Test
    void aPatternThatOverflowsTheStackIsNoMatch() throws InterruptedException {
        RecordFilter filter = filter("key", "(a|b)*");
        AtomicReference<Object> result = new AtomicReference<>();
        // A small stack of its own, so that the key surely overflows it whatever -Xss the tests run with.
        Thread matcher = new Thread(null, () -> result.set(filter.accept(withKey("ab".repeat(100_000)), null)),
                "small-stack", 256 * 1024);
        matcher.setUncaughtExceptionHandler((thread, e) -> result.set(e));
        matcher.start();
        matcher.join(10_000);
        assertEquals(Boolean.FALSE, result.get());
    }

    @Test
    void aPatternThatGivesUpOnOneKeyStillMatchesOthers() {
        RecordFilter filter = filter("key", "(a+)+\\1$");
        assertFalse(filter.accept(withKey("a".repeat(60) + "!"), null));
        assertTrue(filter.accept(withKey("aaaa"), null));
    }
}
