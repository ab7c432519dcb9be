package io.kafkasse.filter;

/**
 * How many times a client's key pattern may repeat something: the product of the counted repetitions ({@code {n}},
 * {@code {n,}}, {@code {n,m}}) nested around any part of it. RE2/J compiles a counted repetition by copying what it
 * repeats, so {@code ((a{1000}){1000}){1000}} would build a program of a billion instructions, and run out of heap
 * doing it, before its size could be checked: the counts are bounded before the pattern is compiled.
 */
final class RepetitionBound {

    /** The most a pattern may repeat anything, counted repetitions multiplied through their nesting. */
    static final long MAX = 1_000;

    private final String pattern;
    private int at;

    private RepetitionBound(String pattern) {
        this.pattern = pattern;
    }

    /** The largest product of nested counted repetitions in the pattern (1 with none), capped just above {@link #MAX}. */
    static long of(String pattern) {
        RepetitionBound scan = new RepetitionBound(pattern);
        return scan.sequence();
    }

    /** Reads up to the end of the pattern or of the enclosing group; returns the largest repetition inside. */
    private long sequence() {
        long largest = 1;
        while (at < pattern.length()) {
            char c = pattern.charAt(at);
            if (c == ')') {
                return largest;
            }
            long atom = atom();
            long times = countedRepetition();
            largest = Math.max(largest, Math.min(MAX + 1, atom * times));
        }
        return largest;
    }

    /** One atom: a group (what it repeats inside), a class, an escape or a character (1). */
    private long atom() {
        char c = pattern.charAt(at);
        if (c == '(') {
            at++;
            long inside = sequence();
            if (at < pattern.length()) {
                at++; // the closing parenthesis
            }
            return inside;
        }
        if (c == '[') {
            skipClass();
        } else if (c == '\\') {
            skipEscape();
        } else {
            at++;
        }
        return 1;
    }

    /** A counted repetition right after an atom: its largest count (n for {n} and {n,}, m for {n,m}); 1 otherwise. */
    private long countedRepetition() {
        long times = 1;
        while (at < pattern.length() && pattern.charAt(at) == '{') {
            int close = pattern.indexOf('}', at);
            if (close < 0) {
                return times; // not a repetition: RE2 reads it as a literal brace
            }
            String[] bounds = pattern.substring(at + 1, close).split(",", -1);
            String largest = bounds.length == 2 && !bounds[1].isBlank() ? bounds[1] : bounds[0];
            times = Math.min(MAX + 1, times * parseCount(largest));
            at = close + 1;
            if (at < pattern.length() && (pattern.charAt(at) == '?' || pattern.charAt(at) == '+')) {
                at++; // reluctant or possessive
            }
        }
        return times;
    }

    private static long parseCount(String digits) {
        String trimmed = digits.trim();
        if (trimmed.isEmpty() || !trimmed.chars().allMatch(Character::isDigit)) {
            return 1; // not a count: the compiler refuses the pattern or reads a literal
        }
        return trimmed.length() > 9 ? MAX + 1 : Math.min(MAX + 1, Long.parseLong(trimmed));
    }

    /** Skips a character class, nested classes and escapes included. */
    private void skipClass() {
        int depth = 0;
        while (at < pattern.length()) {
            char c = pattern.charAt(at);
            if (c == '\\') {
                skipEscape();
                continue;
            }
            at++;
            if (c == '[') {
                depth++;
            } else if (c == ']' && --depth == 0) {
                return;
            }
        }
    }

    /** Skips an escape: {@code \x}, or a quoted span {@code \Q...\E}. */
    private void skipEscape() {
        if (at + 1 < pattern.length() && pattern.charAt(at + 1) == 'Q') {
            int end = pattern.indexOf("\\E", at + 2);
            at = end < 0 ? pattern.length() : end + 2;
        } else {
            at = Math.min(pattern.length(), at + 2);
        }
    }
}
