package io.kafkasse.sink;

import java.nio.charset.StandardCharsets;

/**
 * An event's data, as text and, made on first use and then kept, as the bytes of its SSE {@code data:} line and the
 * blank line that ends the event: in the shared mode one record goes to many clients, and is encoded once for all.
 */
public final class EncodedData {

    private final String text;
    private volatile byte[] sseLines;

    public EncodedData(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /**
     * {@code data: <text>\n\n} in UTF-8. The text is one line: JSON as the decoder writes it has no raw line breaks.
     * Two threads may both build it once; both results are equal.
     */
    byte[] sseLines() {
        byte[] lines = sseLines;
        if (lines == null) {
            lines = ("data: " + text + "\n\n").getBytes(StandardCharsets.UTF_8);
            sseLines = lines;
        }
        return lines;
    }
}
