package io.kafkasse.bench;

import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * Turns the bytes of one HTTP/1.1 SSE response into lines: status line and headers first, then the body, de-chunked
 * when the server uses {@code Transfer-Encoding: chunked} (Payara's Jersey does), split at line ends. Bytes arrive in
 * whatever pieces the socket gives, so every step is a small state machine that can stop anywhere.
 */
final class SseResponseDecoder {

    /** Receives the decoded stream. */
    interface Listener {
        /** A comment line ({@code : ...}): the server's first write, and heartbeats. */
        void comment();

        /** A {@code data:} line of a {@code message} event, in {@code line[0..length)}, valid only during the call. */
        void data(byte[] line, int length);

        /** A {@code retry:} line: the reconnect delay the server asks for. */
        default void retry(long millis) {
        }

        /** A {@code data:} line of an event that is not a message ({@code end}, {@code error}), by its type. */
        default void otherEvent(String type) {
        }
    }

    private enum State { HEADERS, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, BODY }

    private final Listener listener;
    private State state = State.HEADERS;
    private byte[] line = new byte[1024];
    private int lineLength;
    private final StringBuilder headers = new StringBuilder();
    private long chunkRemaining;
    private long chunkSize;
    private boolean chunkExtension;
    private boolean ended;
    /** The current event's type, from its {@code event:} line; null for a message. */
    private String eventType;

    SseResponseDecoder(Listener listener) {
        this.listener = listener;
    }

    /** True once the response ended (the last chunk, zero-sized, arrived). */
    boolean ended() {
        return ended;
    }

    /** Consumes everything remaining in {@code in}; throws when the response is not a 200 SSE stream. */
    void feed(ByteBuffer in) {
        while (in.hasRemaining()) {
            switch (state) {
                case HEADERS -> readHeaders(in);
                case CHUNK_SIZE -> readChunkSize(in);
                case CHUNK_DATA -> {
                    int n = (int) Math.min(chunkRemaining, in.remaining());
                    body(in, n);
                    chunkRemaining -= n;
                    if (chunkRemaining == 0) {
                        state = State.CHUNK_END;
                    }
                }
                case CHUNK_END -> {
                    if (in.get() == '\n') {
                        state = State.CHUNK_SIZE;
                    }
                }
                case BODY -> body(in, in.remaining());
            }
        }
    }

    private void readHeaders(ByteBuffer in) {
        while (in.hasRemaining()) {
            headers.append((char) in.get());
            int n = headers.length();
            if (n >= 4 && headers.charAt(n - 1) == '\n' && headers.charAt(n - 2) == '\r'
                    && headers.charAt(n - 3) == '\n' && headers.charAt(n - 4) == '\r') {
                String head = headers.toString();
                if (!head.startsWith("HTTP/1.1 200")) {
                    throw new IllegalStateException("Not a 200 response: " + head.lines().findFirst().orElse(""));
                }
                state = head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")
                        ? State.CHUNK_SIZE : State.BODY;
                return;
            }
        }
    }

    private void readChunkSize(ByteBuffer in) {
        while (in.hasRemaining()) {
            byte b = in.get();
            if (b == '\n') {
                ended = chunkSize == 0;
                chunkRemaining = chunkSize;
                chunkSize = 0;
                chunkExtension = false;
                state = chunkRemaining == 0 ? State.CHUNK_END : State.CHUNK_DATA;
                return;
            }
            // Only the leading hex digits are the size: skip the '\r' and any extension after ';'.
            if (b == ';') {
                chunkExtension = true;
            } else if (!chunkExtension && b != '\r') {
                chunkSize = chunkSize * 16 + Character.digit(b, 16);
            }
        }
    }

    private void body(ByteBuffer in, int n) {
        for (int i = 0; i < n; i++) {
            byte b = in.get();
            if (b == '\n') {
                endLine();
            } else {
                if (lineLength == line.length) {
                    line = java.util.Arrays.copyOf(line, line.length * 2);
                }
                line[lineLength++] = b;
            }
        }
    }

    private void endLine() {
        int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
        lineLength = 0;
        if (length == 0) {
            eventType = null; // the event is dispatched: the next one is a message unless it says otherwise
            return;
        }
        if (line[0] == ':') {
            listener.comment();
        } else if (length > 5 && line[0] == 'd' && line[1] == 'a' && line[2] == 't' && line[3] == 'a' && line[4] == ':') {
            if (eventType == null || eventType.equals("message")) {
                listener.data(line, length);
            } else {
                listener.otherEvent(eventType);
            }
        } else if (length > 6 && line[0] == 'e' && line[5] == ':' && new String(line, 0, 6, java.nio.charset.StandardCharsets.US_ASCII).equals("event:")) {
            eventType = new String(line, 6, length - 6, java.nio.charset.StandardCharsets.UTF_8).trim();
        } else if (length > 6 && line[0] == 'r' && line[5] == ':' && new String(line, 0, 6, java.nio.charset.StandardCharsets.US_ASCII).equals("retry:")) {
            String value = new String(line, 6, length - 6, java.nio.charset.StandardCharsets.US_ASCII).trim();
            if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
                listener.retry(Long.parseLong(value));
            }
        }
    }
}
