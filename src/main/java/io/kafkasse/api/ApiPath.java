package io.kafkasse.api;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A request's path within the deployment as the API's resources see it, whatever way the client encoded it: each
 * segment percent-decoded, its matrix parameters ({@code ;x=1}) dropped, empty segments (double slashes) and dot
 * segments resolved. The filters decide with it which requests are streams, so that limits, ids and logs apply to
 * exactly the requests the stream resource serves; the raw URI ({@code /v2/%73tream/t}, {@code /v2/stream;x=1/t})
 * would let variants past them.
 */
final class ApiPath {

    /** The most segments looked at: an API path has three; a longer one is no stream. */
    private static final int MAX_SEGMENTS = 8;

    private ApiPath() {
    }

    /** Whether the request names {@code /v2/stream/{streams}}. */
    static boolean isStream(String requestUri, String contextPath) {
        return segments(requestUri, contextPath)
                .filter(s -> s.size() == 3 && s.get(0).equals("v2") && s.get(1).equals("stream"))
                .isPresent();
    }

    /** Whether the request is under {@code /v2}, the API (anything that does not decode counts as the API's). */
    static boolean isApi(String requestUri, String contextPath) {
        return segments(requestUri, contextPath).map(s -> !s.isEmpty() && s.get(0).equals("v2")).orElse(true);
    }

    /** The decoded segments, or empty when the path cannot be decoded (the container or JAX-RS refuses it then). */
    static Optional<List<String>> segments(String requestUri, String contextPath) {
        String path = requestUri.startsWith(contextPath) ? requestUri.substring(contextPath.length()) : requestUri;
        List<String> segments = new ArrayList<>();
        for (String raw : path.split("/", -1)) {
            int parameters = raw.indexOf(';');
            Optional<String> decoded = decode(parameters < 0 ? raw : raw.substring(0, parameters));
            if (decoded.isEmpty()) {
                return Optional.empty();
            }
            String segment = decoded.get();
            if (segment.equals("..")) {
                if (!segments.isEmpty()) {
                    segments.remove(segments.size() - 1);
                }
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
            if (segments.size() > MAX_SEGMENTS) {
                return Optional.of(segments);
            }
        }
        return Optional.of(segments);
    }

    /** Percent-decodes one segment as UTF-8 ({@code +} stays a plus in a path); empty when it is malformed. */
    private static Optional<String> decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return Optional.of(segment);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c != '%') {
                byte[] plain = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(plain, 0, plain.length);
                continue;
            }
            if (i + 2 >= segment.length()) {
                return Optional.empty();
            }
            int high = Character.digit(segment.charAt(i + 1), 16);
            int low = Character.digit(segment.charAt(i + 2), 16);
            if (high < 0 || low < 0) {
                return Optional.empty();
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
