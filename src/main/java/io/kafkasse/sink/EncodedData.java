package io.kafkasse.sink;

import java.lang.ref.SoftReference;
import java.nio.charset.StandardCharsets;

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

    /** @param text one line: JSON as the decoder writes it has no raw line breaks */
    public EncodedData(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        sseLines = new byte[utf8.length + FRAMING];
        System.arraycopy(PREFIX, 0, sseLines, 0, PREFIX.length);
        System.arraycopy(utf8, 0, sseLines, PREFIX.length, utf8.length);
        sseLines[sseLines.length - 2] = '\n';
        sseLines[sseLines.length - 1] = '\n';
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
