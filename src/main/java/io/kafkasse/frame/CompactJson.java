package io.kafkasse.frame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Checks that bytes are exactly one JSON document and copies them without the whitespace between tokens, in one pass
 * and without building a tree: the same text {@link JsonText} writes for the value JSON-P parses from them, for the
 * documents where that text can be told from the bytes alone. Those are the documents producers write (compact or
 * pretty-printed, UTF-8, numbers without exponents); for the rest, {@link #copy} answers {@link #UNSURE} and the caller
 * parses them as before. Unsure are: anything that is not valid JSON or not valid UTF-8, escapes JSON-P would write
 * differently ({@code \/}, {@code \\u0041}, upper-case hex), numbers JSON-P would write differently ({@code -0},
 * exponents, {@code 0.0000001}), repeated names in an object (JSON-P keeps the last value at the first place), objects of
 * more than {@value #MAX_NAMES} names, nesting deeper than {@value #MAX_DEPTH}, and a top-level object that has a
 * {@code _kafka} member of its own.
 * <p>
 * Its work is bounded by the input: one pass, a bounded depth, and name comparisons bounded by a budget of the input's
 * length (names that hash alike cost a byte comparison; past the budget the answer is unsure).
 */
final class CompactJson {

    /** {@link #copy} could not tell: parse the document instead. */
    static final int UNSURE = -1;
    static final int MAX_DEPTH = 64;
    static final int MAX_NAMES = 64;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final byte[] KAFKA = {'"', '_', 'k', 'a', 'f', 'k', 'a', '"'};

    private final byte[] in;
    private final byte[] out;
    private int at;
    private int written;
    private int depth;
    private long compareBudget;
    private boolean unsure;

    private CompactJson(byte[] in, byte[] out, int outOffset) {
        this.in = in;
        this.out = out;
        this.written = outOffset;
        this.compareBudget = 64L + in.length;
    }

    /** The outcome of {@link #copy}: where the compact text ends in {@code out}, and whether it is an object. */
    record Copied(int end, boolean object) {
    }

    /**
     * Copies the document in {@code in} into {@code out} from {@code outOffset}, without whitespace between tokens;
     * {@code out} needs room for {@code in.length} bytes there. Null when it cannot tell the compact text (see above).
     */
    static Copied copy(byte[] in, byte[] out, int outOffset) {
        CompactJson json = new CompactJson(in, out, outOffset);
        json.skipSpace();
        if (json.at >= in.length) {
            return null;
        }
        boolean object = in[json.at] == '{';
        json.value(true);
        json.skipSpace();
        if (json.unsure || json.at != in.length) {
            return null;
        }
        return new Copied(json.written, object);
    }

    private void value(boolean topLevel) {
        if (unsure || at >= in.length) {
            unsure = true;
            return;
        }
        switch (in[at]) {
            case '{' -> object(topLevel);
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        }
    }

    private void object(boolean topLevel) {
        if (!opened((byte) '}')) {
            return;
        }
        int[] names = new int[8]; // start and end in out of each name, for the repeats check
        int[] hashes = new int[4];
        int count = 0;
        while (!unsure) {
            skipSpace();
            if (at >= in.length || in[at] != '"' || count == MAX_NAMES) {
                unsure = true;
                return;
            }
            int start = written;
            string();
            int hash = hash(start, written);
            if (unsure || repeated(names, hashes, count, start, written, hash)
                    || topLevel && equalsKafka(start, written)) {
                unsure = true;
                return;
            }
            if (count == hashes.length) {
                hashes = Arrays.copyOf(hashes, count * 2);
                names = Arrays.copyOf(names, count * 4);
            }
            hashes[count] = hash;
            names[2 * count] = start;
            names[2 * count + 1] = written;
            count++;
            skipSpace();
            if (!expect(':') || endsAfterItem((byte) '}')) {
                return;
            }
        }
    }

    /**
     * Copies the opening bracket of an object or array; false when there is nothing more to read in it: it is empty
     * (closed already), or nested too deep (unsure).
     */
    private boolean opened(byte close) {
        if (++depth > MAX_DEPTH) {
            unsure = true;
            return false;
        }
        put(in[at++]);
        skipSpace();
        if (at < in.length && in[at] == close) {
            put(in[at++]);
            depth--;
            return false;
        }
        return true;
    }

    private int hash(int start, int end) {
        int hash = 1;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + out[i];
        }
        return hash;
    }

    private boolean repeated(int[] names, int[] hashes, int count, int start, int end, int hash) {
        int length = end - start;
        for (int i = 0; i < count; i++) {
            if (hashes[i] != hash || names[2 * i + 1] - names[2 * i] != length) {
                continue;
            }
            compareBudget -= length;
            if (compareBudget < 0 || Arrays.equals(out, names[2 * i], names[2 * i + 1], out, start, end)) {
                return true; // a repeat, or too many alike to tell cheaply: either way the parser decides
            }
        }
        return false;
    }

    private boolean equalsKafka(int start, int end) {
        return Arrays.equals(out, start, end, KAFKA, 0, KAFKA.length);
    }

    private void array() {
        if (!opened((byte) ']')) {
            return;
        }
        while (!unsure && !endsAfterItem((byte) ']')) {
            // the next element
        }
    }

    /**
     * Reads a member's value or an element, then what follows it: true when the object or array ends there (or the
     * input turned out unsure), false when a comma says another one comes.
     */
    private boolean endsAfterItem(byte close) {
        skipSpace();
        value(false);
        skipSpace();
        if (at >= in.length) {
            unsure = true;
            return true;
        }
        if (in[at] == close) {
            put(in[at++]);
            depth--;
            return true;
        }
        return !expect(',');
    }

    /**
     * A string as JSON-P writes it back: raw UTF-8 (well-formed), control characters escaped in the short form where
     * there is one, else as lower-case {@code \\u00XX}; nothing else escaped. Runs of plain ASCII, most of any
     * string, are found by a tight loop and copied whole.
     */
    private void string() {
        put(in[at++]);
        int run = at;
        while (at < in.length) {
            // Eight bytes at a time while none of them needs a look of its own.
            while (at + Long.BYTES <= in.length && plain((long) LONGS.get(in, at))) {
                at += Long.BYTES;
            }
            if (at >= in.length) {
                break;
            }
            int b = in[at];
            if (b >= 0x20 && b != '"' && b != '\\') {
                at++; // plain ASCII (bytes are signed: UTF-8 beyond it reads negative)
                continue;
            }
            copyRun(run);
            if (b == '"') {
                put(in[at++]);
                return;
            }
            if (b >= 0 && b < 0x20) {
                break; // raw control character: not JSON
            }
            if (b == '\\') {
                if (!escape()) {
                    break;
                }
            } else {
                int length = utf8Length(b & 0xFF);
                if (length == 0 || !copyUtf8(length)) {
                    break;
                }
            }
            run = at;
        }
        unsure = true;
    }

    /**
     * Whether none of eight bytes is a quote, a backslash, a control character or beyond ASCII (SWAR: a byte's high bit
     * is set in the result where a test hits; the tests may also hit past a hit, never miss one).
     */
    private static boolean plain(long eight) {
        long controls = (eight - 0x2020202020202020L) & ~eight;
        long quotes = eight ^ 0x2222222222222222L;
        long backslashes = eight ^ 0x5C5C5C5C5C5C5C5CL;
        long special = controls
                | (quotes - 0x0101010101010101L) & ~quotes
                | (backslashes - 0x0101010101010101L) & ~backslashes
                | eight;
        return (special & 0x8080808080808080L) == 0;
    }

    private void copyRun(int from) {
        int length = at - from;
        System.arraycopy(in, from, out, written, length);
        written += length;
    }

    private boolean escape() {
        if (at + 1 >= in.length) {
            return false;
        }
        byte kind = in[at + 1];
        switch (kind) {
            case '"', '\\', 'b', 'f', 'n', 'r', 't' -> {
                put(in[at++]);
                put(in[at++]);
                return true;
            }
            case 'u' -> {
                // Only a control character without a short form is written as \\u00XX (lower-case hex).
                if (at + 5 >= in.length || in[at + 2] != '0' || in[at + 3] != '0' || !lowerHex(in[at + 4]) || !lowerHex(in[at + 5])) {
                    return false;
                }
                int c = Character.digit(in[at + 4], 16) * 16 + Character.digit(in[at + 5], 16);
                if (c >= 0x20 || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') {
                    return false;
                }
                for (int i = 0; i < 6; i++) {
                    put(in[at++]);
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private static boolean lowerHex(byte b) {
        return b >= '0' && b <= '9' || b >= 'a' && b <= 'f';
    }

    /** Bytes in the UTF-8 sequence a lead byte starts, or 0 when it cannot start one. */
    private static int utf8Length(int lead) {
        if (lead >= 0xC2 && lead <= 0xDF) {
            return 2;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            return 3;
        }
        if (lead >= 0xF0 && lead <= 0xF4) {
            return 4;
        }
        return 0;
    }

    /** Copies one well-formed sequence: no overlong form, no surrogate, nothing past U+10FFFF. */
    private boolean copyUtf8(int length) {
        if (at + length > in.length) {
            return false;
        }
        int lead = in[at] & 0xFF;
        int second = in[at + 1] & 0xFF;
        int low = 0x80;
        int high = 0xBF;
        if (lead == 0xE0) {
            low = 0xA0;
        } else if (lead == 0xED) {
            high = 0x9F;
        } else if (lead == 0xF0) {
            low = 0x90;
        } else if (lead == 0xF4) {
            high = 0x8F;
        }
        if (second < low || second > high) {
            return false;
        }
        for (int i = 2; i < length; i++) {
            int b = in[at + i] & 0xFF;
            if (b < 0x80 || b > 0xBF) {
                return false;
            }
        }
        for (int i = 0; i < length; i++) {
            put(in[at++]);
        }
        return true;
    }

    /**
     * A number JSON-P writes back as it was: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?} but not a negative zero, and a
     * fraction only where {@link java.math.BigDecimal#toString()} keeps plain notation (adjusted exponent of -6 or more).
     */
    private void number() {
        int start = at;
        boolean negative = in[at] == '-';
        if (negative) {
            at++;
        }
        int intStart = at;
        if (at >= in.length || !digit(in[at]) || in[at] == '0' && at + 1 < in.length && digit(in[at + 1])) {
            unsure = true;
            return;
        }
        while (at < in.length && digit(in[at])) {
            at++;
        }
        int intEnd = at;
        int fractionDigits = 0;
        if (at < in.length && in[at] == '.') {
            at++;
            while (at < in.length && digit(in[at])) {
                at++;
                fractionDigits++;
            }
            if (fractionDigits == 0) {
                unsure = true;
                return;
            }
        }
        if (at < in.length && (in[at] == 'e' || in[at] == 'E')) {
            unsure = true;
            return;
        }
        int firstSignificant = -1;
        int digits = 0;
        for (int i = intStart; i < at; i++) {
            if (i == intEnd) {
                continue; // the point
            }
            if (firstSignificant < 0 && in[i] != '0') {
                firstSignificant = digits;
            }
            digits++;
        }
        boolean zero = firstSignificant < 0;
        int precision = zero ? 1 : digits - firstSignificant;
        if (negative && zero || fractionDigits > 0 && precision - 1 - fractionDigits < -6) {
            unsure = true;
            return;
        }
        for (int i = start; i < at; i++) {
            put(in[i]);
        }
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    private void literal(String word) {
        if (at + word.length() > in.length) {
            unsure = true;
            return;
        }
        for (int i = 0; i < word.length(); i++) {
            if (in[at + i] != word.charAt(i)) {
                unsure = true;
                return;
            }
        }
        for (int i = 0; i < word.length(); i++) {
            put(in[at++]);
        }
    }

    private boolean expect(char c) {
        if (at < in.length && in[at] == c) {
            put(in[at++]);
            return true;
        }
        unsure = true;
        return false;
    }

    private void skipSpace() {
        while (at < in.length && isSpace(in[at])) {
            at++;
        }
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private void put(byte b) {
        out[written++] = b;
    }
}
