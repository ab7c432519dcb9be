package io.kafkasse.frame;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The headers a record's {@code _kafka.headers} shows, in order (a name may repeat), and how many were left out: those
 * past {@code sse.max-header-bytes} (names and values together). One rule for both ways a record is written (the
 * parsed tree and the bytes written directly).
 *
 * @param kept    each header shown, its value as text when it is UTF-8, else in base64, or null for none
 * @param omitted how many were left out ({@code headersOmitted} when more than 0)
 */
record KeptHeaders(List<Shown> kept, int omitted) {

    /** One header as shown: {@code encoding} is {@code "utf-8"} or {@code "base64"}, both null for a null value. */
    record Shown(String key, String value, String encoding) {
    }

    static KeptHeaders of(ConsumerRecord<byte[], byte[]> record, int maxHeaderBytes) {
        List<Shown> kept = new ArrayList<>();
        long used = 0;
        int omitted = 0;
        for (Header header : record.headers()) {
            byte[] value = header.value();
            long cost = header.key().length() + (value == null ? 0 : value.length);
            if (used + cost > maxHeaderBytes) {
                omitted++;
                continue;
            }
            used += cost;
            if (value == null) {
                kept.add(new Shown(header.key(), null, null));
            } else {
                String text = utf8(value);
                kept.add(text != null ? new Shown(header.key(), text, "utf-8")
                        : new Shown(header.key(), Base64.getEncoder().encodeToString(value), "base64"));
            }
        }
        return new KeptHeaders(kept, omitted);
    }

    /** The bytes as text when they are well-formed UTF-8; null otherwise. */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
