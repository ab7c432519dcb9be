package io.kafkasse;

import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Text a broken or hostile client may send, for the property tests of the parsers of client input: any UTF-16
 * (control characters, lone surrogates), numbers no parser expects, huge values, deep nesting, and a parser's own
 * tokens in any order, so that some inputs get past its first checks.
 */
public final class HostileText {

    public static final int ONE_MB = 1 << 20;

    private static final List<String> NUMBERS = List.of("0", "-0", "-1", "1.5", "1.0", "1e2", "1E-2", "1e9999999999", "-1e-9999999999",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "2147483647", "2147483648", "00042", "+1",
            "0x1F", "1_000", "NaN", "Infinity", "\u0661\u0662", "\uff11", " 1", "1 ", ".5", "5.", "1e", "--1");
    private static final List<String> OPENERS = List.of("[", "(", "{", "{\"a\":", "[{\"x\":", "(?:", "\\Q", "\"");

    private HostileText() {
    }

    /** Any UTF-16 text: mostly short, some hundreds of characters, one in a hundred around 1 MB. */
    public static String any(Random random) {
        int roll = random.nextInt(100);
        int length = roll < 70 ? random.nextInt(20) : roll < 99 ? random.nextInt(500) : ONE_MB / 2 + random.nextInt(ONE_MB);
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            text.append(anyChar(random));
        }
        return text.toString();
    }

    /** Printable ASCII, a control character (C0, DEL, C1), half of a surrogate pair, or any UTF-16 unit. */
    public static char anyChar(Random random) {
        return switch (random.nextInt(5)) {
            case 0, 1 -> (char) (' ' + random.nextInt(95));
            case 2 -> (char) (random.nextBoolean() ? random.nextInt(32) : 127 + random.nextInt(33));
            case 3 -> (char) (Character.MIN_SURROGATE + random.nextInt(Character.MAX_SURROGATE - Character.MIN_SURROGATE + 1));
            default -> (char) random.nextInt(Character.MAX_VALUE + 1);
        };
    }

    /** Up to {@code maxPieces} of a parser's own tokens in any order, now and then a character of any kind between. */
    public static String of(Random random, List<String> pieces, int maxPieces) {
        int count = random.nextInt(maxPieces + 1);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (random.nextInt(10) == 0) {
                text.append(anyChar(random));
            } else {
                text.append(pieces.get(random.nextInt(pieces.size())));
            }
        }
        return text.toString();
    }

    /** A number as text: of any size, sign, fraction or exponent, or one in a form no parser should take. */
    public static String number(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> Long.toString(random.nextLong());
            case 1 -> Long.toString(random.nextLong() >>> random.nextInt(64));
            case 2 -> NUMBERS.get(random.nextInt(NUMBERS.size()));
            default -> "9".repeat(1 + random.nextInt(5_000)) + (random.nextBoolean() ? "" : "." + random.nextInt(1000));
        };
    }

    /**
     * A shape built to exhaust a parser: one character or token repeated up to 1 MB (lengths spread evenly over the
     * powers of two, so every limit is crossed), or nesting thousands of levels deep, closed or not.
     */
    public static String huge(Random random, List<String> pieces) {
        int length = 1 << random.nextInt(21);
        if (random.nextInt(4) == 0) {
            String opener = OPENERS.get(random.nextInt(OPENERS.size()));
            int depth = Math.max(1, length / opener.length() / 2);
            String inner = opener.endsWith(":") ? "1" : "";
            return opener.repeat(depth) + (random.nextBoolean() ? inner + closing(opener).repeat(depth) : "");
        }
        String unit = switch (random.nextInt(3)) {
            case 0 -> String.valueOf(anyChar(random));
            case 1 -> pieces.get(random.nextInt(pieces.size()));
            default -> of(random, pieces, 6);
        };
        return unit.isEmpty() ? "" : unit.repeat(Math.max(1, length / unit.length()));
    }

    /** Valid text damaged by a few edits: a span deleted, repeated or replaced, a character or token inserted, a cut. */
    public static String mutate(Random random, String valid, List<String> pieces) {
        StringBuilder text = new StringBuilder(valid);
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
            int at = text.length() == 0 ? 0 : random.nextInt(text.length());
            int end = Math.min(text.length(), at + 1 + random.nextInt(8));
            switch (random.nextInt(5)) {
                case 0 -> text.delete(at, end);
                case 1 -> text.insert(at, text.substring(at, end));
                case 2 -> text.replace(at, end, String.valueOf(anyChar(random)));
                case 3 -> text.insert(at, pieces.get(random.nextInt(pieces.size())));
                default -> text.setLength(at);
            }
        }
        return text.toString();
    }

    /** One of the generators, chosen at random. */
    @SafeVarargs
    public static <T> T oneOf(Random random, Function<Random, T>... generators) {
        return generators[random.nextInt(generators.length)].apply(random);
    }

    private static String closing(String opener) {
        return switch (opener) {
            case "[" -> "]";
            case "(", "(?:" -> ")";
            case "{" -> "}";
            case "{\"a\":" -> "}";
            case "[{\"x\":" -> "}]";
            case "\\Q" -> "\\E";
            default -> opener;
        };
    }
}
