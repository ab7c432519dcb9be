package io.kafkasse.filter;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import jakarta.json.JsonValue;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Keeps records whose key, read as UTF-8, fully matches a client's regular expression. Java's regex engine
 * backtracks, so a pattern such as {@code (a+)+$} could hold a thread for minutes: every match runs on a key that
 * counts the characters the engine reads and stops the match past a budget proportional to the key's length.
 */
final class KeyPattern implements RecordFilter {

    private final Pattern pattern;

    KeyPattern(Pattern pattern) {
        this.pattern = pattern;
    }

    @Override
    public boolean accept(ConsumerRecord<byte[], byte[]> record, JsonValue value) {
        if (record.key() == null) {
            return false;
        }
        return matches(new String(record.key(), StandardCharsets.UTF_8));
    }

    boolean matches(String key) {
        try {
            return pattern.matcher(new BudgetedText(key, 10_000L + 1_000L * key.length())).matches();
        } catch (BudgetedText.Exhausted e) {
            return false;
        }
    }

    /** A string that throws once it has been read more than a budget of characters. */
    private static final class BudgetedText implements CharSequence {

        static final class Exhausted extends RuntimeException {
            private static final long serialVersionUID = 1L;

            Exhausted() {
                super(null, null, false, false);
            }
        }

        private final String text;
        private final long[] budget;

        BudgetedText(String text, long budget) {
            this(text, new long[] {budget});
        }

        private BudgetedText(String text, long[] budget) {
            this.text = text;
            this.budget = budget;
        }

        @Override
        public char charAt(int index) {
            if (--budget[0] < 0) {
                throw new Exhausted();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new BudgetedText(text.substring(start, end), budget);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
