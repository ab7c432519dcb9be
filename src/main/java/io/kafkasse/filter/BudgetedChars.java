package io.kafkasse.filter;

/**
 * A key as a {@link CharSequence} that can be read only so many times. java.util.regex backtracks, so a pattern such
 * as {@code (a+)+$} takes exponential time on a key like {@code aaaa…a!}, and a thread inside a Matcher cannot be
 * interrupted. Every character a Matcher reads goes through {@link #charAt}, so counting those calls bounds the work;
 * past the budget the match is abandoned with {@link Exhausted}.
 * <p>
 * The budget grows with the key so that ordinary patterns, which read each character a few times, never run out.
 */
final class BudgetedChars implements CharSequence {

    static final long BASE_BUDGET = 10_000;
    static final long BUDGET_PER_CHAR = 1_000;

    private final String text;
    private final long budget;
    private long reads;

    BudgetedChars(String text) {
        this.text = text;
        this.budget = BASE_BUDGET + BUDGET_PER_CHAR * text.length();
    }

    @Override
    public char charAt(int index) {
        if (++reads > budget) {
            throw new Exhausted(budget);
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    /** Not counted: a Matcher takes subsequences only to hand out groups, after matching. */
    @Override
    public CharSequence subSequence(int start, int end) {
        return text.subSequence(start, end);
    }

    @Override
    public String toString() {
        return text;
    }

    /** Thrown when the budget is spent; it carries no stack trace, as it only unwinds the Matcher. */
    static final class Exhausted extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final long budget;

        Exhausted(long budget) {
            super("read budget of " + budget + " characters spent", null, false, false);
            this.budget = budget;
        }

        long budget() {
            return budget;
        }
    }
}
