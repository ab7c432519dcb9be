package io.kafkasse.position;

/** Shortens client text echoed in a problem, so a huge header cannot make a huge error body. */
public final class Abbreviation {

    private static final String ELLIPSIS = "...";

    private Abbreviation() {
    }

    /** The text itself when it fits in {@code max} characters, else its start and "..." in {@code max} characters. */
    public static String of(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - ELLIPSIS.length();
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never cut a character outside the Basic Multilingual Plane in half
        }
        return text.substring(0, end) + ELLIPSIS;
    }
}
