package io.kafkasse.observe;

import java.util.Locale;

/** Why a stream request ended: the {@code reason} label of the closed-connections metric and of the close log line. */
public enum CloseReason {
    /** The client closed the connection. */
    CLIENT_LEFT,
    /** The client did not keep up (it fell out of the window, or did not read what it was sent). */
    TOO_SLOW,
    /** The stream reached {@code sse.max-lifetime}. */
    LIFETIME,
    /** The server drained it before stopping, or turned it away while stopping. */
    DRAINED,
    /** The token the stream was opened with expired. */
    TOKEN_EXPIRED,
    /** A failure on the server or in Kafka, before or after the stream started. */
    ERROR,
    /** Refused by a connection limit ({@code sse.limits.*}). */
    LIMIT,
    /** Refused because the server had no room (a history reader, an executor). */
    OVERLOAD,
    /** Refused because the request was wrong (a 4xx other than a limit). */
    BAD_REQUEST;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
