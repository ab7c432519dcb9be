package io.kafkasse.filter;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Logger;

import io.kafkasse.logging.ThrottledWarning;
import java.util.regex.Pattern;

import jakarta.json.JsonValue;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * {@code key=<regex>}: the record key, read as UTF-8, fully matches one of the patterns. A record without a key matches
 * none. A match that reads too much of the key ({@link BudgetedChars}) counts as no match.
 */
final class KeyFilter implements RecordFilter {

    private static final ThrottledWarning ABANDONED = new ThrottledWarning(Logger.getLogger(KeyFilter.class.getName()));

    private final List<Pattern> patterns;

    KeyFilter(List<Pattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    @Override
    public boolean accept(ConsumerRecord<byte[], byte[]> record, JsonValue value) {
        if (record.key() == null) {
            return false;
        }
        String key = new String(record.key(), StandardCharsets.UTF_8);
        for (Pattern pattern : patterns) {
            if (matches(pattern, key, record)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(Pattern pattern, String key, ConsumerRecord<?, ?> record) {
        try {
            return pattern.matcher(new BudgetedChars(key)).matches();
        } catch (BudgetedChars.Exhausted e) {
            abandoned(pattern, record, "it read the key's characters more than " + e.budget() + " times");
        } catch (StackOverflowError e) {
            // java.util.regex recurses for each repetition of some groups, so (a|b)* overflows on a long enough key.
            abandoned(pattern, record, "it overflowed the stack");
        }
        return false;
    }

    private static void abandoned(Pattern pattern, ConsumerRecord<?, ?> record, String reason) {
        // The pattern comes from a client: no line breaks of its own in the log.
        ABANDONED.warn(() -> "Gave up matching key pattern '" + pattern.pattern().replaceAll("\\p{Cntrl}", "?")
                + "' against the key of record " + record.topic() + "-" + record.partition() + "@" + record.offset()
                + ", counted as no match: " + reason);
    }
}
