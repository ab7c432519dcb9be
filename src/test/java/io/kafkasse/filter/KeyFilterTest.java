package io.kafkasse.filter;

import static io.kafkasse.filter.Records.filter;
import static io.kafkasse.filter.Records.withKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

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
    void aKeyThatIsNotUtf8IsMatchedWithoutFailing() {
        RecordFilter filter = filter("key", "a.b");
        org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> record =
                new org.apache.kafka.clients.consumer.ConsumerRecord<>("changes", 0, 7L, new byte[] {'a', (byte) 0xff, 'b'}, null);
        assertTrue(filter.accept(record, null));
    }

    // java.util.regex took exponential time on these (the second defeats its own memo of failed groups) or overflowed
    // the stack (the third); RE2 runs each in time linear in the key.
    @Test
    void patternsThatBacktrackCatastrophicallyElsewhereReturnAtOnce() {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertFalse(filter("key", "(a+)+$").accept(withKey("a".repeat(60) + "!"), null));
            assertFalse(filter("key", "(.*a){20}").accept(withKey("a".repeat(19) + "!".repeat(40)), null));
            assertTrue(filter("key", "(a|b)*").accept(withKey("ab".repeat(40_000)), null));
        });
    }

    @Test
    void aRepeatedEmptyGroupWithinTheLimitReturnsAtOnce() {
        RecordFilter filter = filter("key", "(?:(?:(?:){5}){5}){5}x");
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            for (int i = 0; i < 1_000; i++) {
                assertFalse(filter.accept(withKey("y".repeat(100)), null));
            }
        });
    }

    @Test
    void ordinaryPatternsMatchLongKeysWithinTheBound() {
        String key = "user-" + "x".repeat(40_000) + "-42";
        assertTrue(filter("key", "user-.*-\\d+").accept(withKey(key), null));
        assertTrue(filter("key", ".*x-4.*").accept(withKey(key), null));
    }

    @Test
    void aKeyThatWouldCostTheLargestPatternsTooMuchEndsTheStreamNamingTheRecord() {
        RecordFilter filter = filter("key", "(?:.*){100}");
        assertTrue(filter.accept(withKey("a".repeat(1_000)), null));
        FilterTooCostly tooCostly = assertThrows(FilterTooCostly.class,
                () -> filter.accept(withKey("a".repeat(100_000)), null));
        assertEquals(400, tooCostly.status());
        assertEquals("filter-too-costly", tooCostly.type());
        assertEquals("7", tooCostly.toJson().getString("offset"));
        assertEquals("changes", tooCostly.toJson().getString("topic"));
    }

    @Test
    void theWorstPatternOnTheLongestKeyWithinTheBoundTakesMilliseconds() {
        RecordFilter filter = filter("key", "(?:.*){100}");
        int longest = (int) (KeyFilter.MAX_WORK / 202); // (?:.*){100} compiles to 202 instructions
        String key = "a".repeat(longest);
        filter.accept(withKey(key), null); // warm up
        long start = System.nanoTime();
        assertTrue(filter.accept(withKey(key), null));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 200, "took " + millis + " ms");
    }
}
