package io.kafkasse.observe;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id of a request, for logs and the {@code X-Request-ID} answer: the client's (or its proxy's) own id when it is a
 * safe short token, so that one id follows the request through every hop; otherwise a new one. It goes into logs and a
 * header only, never into a Kafka identifier.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-ID";
    /** Letters, digits and {@code - _ . : @ +}, at most 64: nothing that could break a log line or a header. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@+-]{0,63}");

    private RequestIds() {
    }

    /** The given id when it is safe, else a new random one. */
    public static String accept(String given) {
        return given != null && SAFE.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }
}
