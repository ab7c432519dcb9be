package io.kafkasse.filter;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.json.JsonValue;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.google.re2j.Pattern;

/**
 * {@code key=<regex>}: the record key, as UTF-8, fully matches one of the patterns. A record without a key matches
 * none.
 * <p>
 * The patterns are RE2 patterns (RE2/J): matching takes time linear in the key, about the pattern's program size per
 * byte of key at worst, never backtracks and never recurses, so no pattern can spin or overflow a sender thread's
 * stack. That worst case is bounded per record: when program size times key length exceeds {@link #MAX_WORK}, the
 * record is not matched at all and the stream ends with {@link FilterTooCostly}, whose id is past that record.
 */
final class KeyFilter implements RecordFilter {

    /**
     * The most steps (program instructions times key bytes) one record may cost one stream's key patterns: about 9 ms
     * of a sender thread at RE2/J's worst measured 15 ns per step, far less in practice. With the largest patterns
     * allowed (300 instructions) keys up to 2,000 bytes are matched; with a typical one (20), keys up to 30,000.
     */
    static final long MAX_WORK = 600_000;

    private final Pattern[] patterns;
    /** Every pattern's program size together: the steps one byte of key may cost at worst. */
    private final long programSize;

    KeyFilter(List<Pattern> patterns) {
        this.patterns = patterns.toArray(Pattern[]::new);
        this.programSize = patterns.stream().mapToLong(Pattern::programSize).sum();
    }

    @Override
    public boolean readsValue() {
        return false;
    }

    @Override
    public boolean accept(ConsumerRecord<byte[], byte[]> record, JsonValue value) {
        byte[] key = record.key();
        if (key == null) {
            return false;
        }
        if (programSize * key.length > MAX_WORK) {
            throw new FilterTooCostly(record, key.length, programSize, MAX_WORK);
        }
        // As a String: bytes that are not UTF-8 read as U+FFFD, which '.' matches (RE2/J's byte input would not).
        String text = new String(key, StandardCharsets.UTF_8);
        for (Pattern pattern : patterns) {
            if (pattern.matcher(text).matches()) {
                return true;
            }
        }
        return false;
    }
}
