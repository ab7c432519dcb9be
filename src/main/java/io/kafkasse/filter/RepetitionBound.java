package io.kafkasse.filter;

/**
 * How many times a client's key pattern may repeat something: the product of the counted repetitions ({@code {n}},
 * {@code {n,}}, {@code {n,m}}) nested around any part of it. RE2/J compiles a counted repetition by copying what it
 * repeats, so {@code ((a{1000}){1000}){1000}} would build a program of a billion instructions, and run out of heap
 * doing it, before its size could be checked: the counts are bounded before the pattern is compiled.
 * <p>
 * The scan must see every group the compiler sees, or a count escapes its nesting. The two readings differ inside a
 * character class: java.util.regex nests classes ({@code [a[b]]}), RE2 takes a {@code [} there as a character (but
 * {@code [:alpha:]}), so {@code [?(?:[^](?:(?:){999}){999}){999}} is one unclosed class to the one and a class and
 * three nested counts to the other (found by ClientFiltersPropertiesTest: RE2/J took over a second on it). So the
 * pattern is read both ways, and the larger count is its bound. Neither reading has comments mode ({@code (?x)},
 * refused by {@link ClientFilters} for that reason), and a closing parenthesis the scan cannot match does not end it.
 */
final class RepetitionBound {

    /** The most a pattern may repeat anything, counted repetitions multiplied through their nesting. */
    static final long MAX = 1_000;

    private final String pattern;
    /** java.util.regex's reading of a character class (nested classes); else RE2's. */
    private final boolean nestedClasses;
    private int at;

    private RepetitionBound(String pattern, boolean nestedClasses) {
        this.pattern = pattern;
        this.nestedClasses = nestedClasses;
    }

    /** The largest product of nested counted repetitions in the pattern (1 with none), capped just above {@link #MAX}. */
    static long of(String pattern) {
        return Math.max(scan(pattern, true), scan(pattern, false));
    }

    private static long scan(String pattern, boolean nestedClasses) {
        RepetitionBound scan = new RepetitionBound(pattern, nestedClasses);
        long largest = scan.sequence();
        while (scan.at < pattern.length()) {
            scan.at++; // an unmatched ')': java.util.regex refuses it, unless the scan misread what came before
            largest = Math.max(largest, scan.sequence());
        }
        return largest;
    }

    /** Reads up to the end of the pattern or of the enclosing group; returns the largest repetition inside. */
    private long sequence() {
        long largest = 1;
        while (at < pattern.length()) {
            char c = pattern.charAt(at);
            if (c == ')') {
                return largest;
            }
            // A count where an atom should start, as in "{9}" or "({9})", is no character to java.util.regex: it
            // repeats an empty atom, which reads nothing.
            int start = at;
            long atom = c == '{' ? 1 : atom();
            long times = countedRepetition();
            if (at == start) {
                at++; // a '{' that starts no count, which java.util.regex refuses: read on past it
            }
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
            if (nestedClasses) {
                skipClass();
            } else {
                skipRe2Class();
            }
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
                return times; // not a repetition: java.util.regex will refuse the pattern
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
            return 1; // not a count: java.util.regex will refuse the pattern
        }
        return trimmed.length() > 9 ? MAX + 1 : Math.min(MAX + 1, Long.parseLong(trimmed));
    }

    /**
     * Skips a character class, nested classes and escapes included. As in java.util.regex, a {@code ]} first in a class
     * (after {@code [} or {@code [^}) is a character of it, so {@code [])]} is one class, not a class and a parenthesis.
     */
    private void skipClass() {
        int depth = 0;
        boolean first = false;
        while (at < pattern.length()) {
            char c = pattern.charAt(at);
            if (c == '\\') {
                int escape = at;
                skipEscape();
                // java.util.regex deletes an empty quote before it reads the pattern: "[\Q\E]" is still at its start
                first = first && pattern.startsWith("\\Q\\E", escape) && at == escape + 4;
                continue;
            }
            at++;
            if (c == '[') {
                depth++;
                first = true;
                if (at < pattern.length() && pattern.charAt(at) == '^') {
                    at++;
                }
                continue;
            }
            if (c == ']' && !first && --depth == 0) {
                return;
            }
            first = false;
        }
    }

    /**
     * Skips a character class as RE2 reads it: a {@code ]} first in it (after {@code [} or {@code [^}) is a character of
     * it, a {@code [} is a character unless it opens a POSIX class {@code [:name:]}, and the first other {@code ]} ends it.
     */
    private void skipRe2Class() {
        at++; // the opening bracket
        if (at < pattern.length() && pattern.charAt(at) == '^') {
            at++;
        }
        boolean first = true;
        while (at < pattern.length()) {
            char c = pattern.charAt(at);
            int posixEnd = c == '[' && pattern.startsWith(":", at + 1) ? pattern.indexOf(":]", at + 2) : -1;
            if (c == '\\') {
                skipEscape();
            } else if (posixEnd >= 0) {
                at = posixEnd + 2;
            } else {
                at++;
                if (c == ']' && !first) {
                    return;
                }
            }
            first = false;
        }
    }

    /** Skips an escape: {@code \x}, a control character {@code \cx} (x may be a parenthesis) or a quoted span {@code \Q...\E}. */
    private void skipEscape() {
        if (at + 1 < pattern.length() && pattern.charAt(at + 1) == 'Q') {
            int end = pattern.indexOf("\\E", at + 2);
            at = end < 0 ? pattern.length() : end + 2;
        } else if (at + 1 < pattern.length() && pattern.charAt(at + 1) == 'c') {
            at = Math.min(pattern.length(), at + 3);
        } else {
            at = Math.min(pattern.length(), at + 2);
        }
    }
}
