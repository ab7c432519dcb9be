package io.kafkasse.sink;

import java.lang.ref.SoftReference;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An event's data, kept once as the UTF-8 bytes of its SSE {@code data:} line and the blank line that ends the event:
 * one record goes to many clients and is encoded once for all. Other forms (the text, the NDJSON line) are read out of
 * these bytes, so a record in a window costs one encoded copy (the text is only cached softly).
 */
public final class EncodedData {

    private static final byte[] PREFIX = "data: ".getBytes(StandardCharsets.US_ASCII);
    /** {@code data: } before the text and {@code \n\n} after it. */
    private static final int FRAMING = PREFIX.length + 2;

    private final byte[] sseLines;
    /**
     * The text, decoded once on first use and held softly: the standard sink writer asks for it once per client and
     * event, and decoding it again each time would put that work on the per-event path.
     */
    private volatile SoftReference<String> text;

    /** Where a buffer from {@link #buffer} takes the text. */
    public static final int TEXT_OFFSET = PREFIX.length;

    /** @param text one line: JSON as the decoder writes it has no raw line breaks */
    public EncodedData(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        sseLines = buffer(utf8.length);
        System.arraycopy(utf8, 0, sseLines, PREFIX.length, utf8.length);
        end(sseLines, utf8.length);
    }

    private EncodedData(byte[] sseLines) {
        this.sseLines = sseLines;
    }

    /** A buffer for text of up to {@code capacity} bytes, written at {@link #TEXT_OFFSET}, for {@link #of}. */
    public static byte[] buffer(int capacity) {
        byte[] buffer = new byte[PREFIX.length + capacity + 2];
        System.arraycopy(PREFIX, 0, buffer, 0, PREFIX.length);
        return buffer;
    }

    /**
     * Takes over a buffer from {@link #buffer} that holds {@code length} bytes of text at {@link #TEXT_OFFSET}: one
     * line of UTF-8 (the caller's promise, as for the constructor). Trimmed when it has room to spare.
     */
    public static EncodedData of(byte[] buffer, int length) {
        byte[] lines = buffer.length == length + FRAMING ? buffer : Arrays.copyOf(buffer, length + FRAMING);
        end(lines, length);
        return new EncodedData(lines);
    }

    private static void end(byte[] lines, int textLength) {
        lines[PREFIX.length + textLength] = '\n';
        lines[PREFIX.length + textLength + 1] = '\n';
    }

    public String text() {
        SoftReference<String> held = text;
        String decoded = held == null ? null : held.get();
        if (decoded == null) {
            decoded = new String(sseLines, PREFIX.length, textLength(), StandardCharsets.UTF_8);
            text = new SoftReference<>(decoded);
        }
        return decoded;
    }

    /** Bytes held, for the windows' memory bound. */
    public int size() {
        return sseLines.length;
    }

    /** {@code data: <text>\n\n} in UTF-8. Never modified: shared by every client. */
    byte[] sseLines() {
        return sseLines;
    }

    /** Where the text starts in {@link #sseLines()}, and its length in bytes. */
    static int textOffset() {
        return PREFIX.length;
    }

    int textLength() {
        return sseLines.length - FRAMING;
    }
}
