package io.kafkasse.bench;

/**
 * Reads partition, offset and timestamp out of an SSE {@code data:} line without parsing its JSON: the load generator
 * must spend a few microseconds per delivery, not the tens a JSON parser would. It relies on the server writing the
 * {@code _kafka} object last and with fixed field names, as {@code JsonRecordDeserializer} does.
 */
final class KafkaFields {

    private static final byte[] KAFKA = bytes("\"_kafka\":{");
    private static final byte[] PARTITION = bytes("\"partition\":");
    private static final byte[] OFFSET = bytes("\"offset\":");
    private static final byte[] TIMESTAMP = bytes("\"timestamp\":");
    private static final byte[] TOPIC = bytes("\"topic\":\"");

    int partition;
    long offset;
    long timestamp;

    /** Fills the fields from {@code line[0..length)}; false when the line carries no {@code _kafka} object. */
    boolean read(byte[] line, int length) {
        int kafka = lastIndexOf(line, length, KAFKA);
        if (kafka < 0) {
            return false;
        }
        long p = numberAfter(line, length, kafka, PARTITION);
        offset = numberAfter(line, length, kafka, OFFSET);
        timestamp = numberAfter(line, length, kafka, TIMESTAMP);
        partition = (int) p;
        return p >= 0 && offset >= 0 && timestamp >= 0;
    }

    /** Whether the {@code _kafka} object of {@code line[0..length)} names {@code topic} (UTF-8, no JSON escapes in it). */
    boolean topicIs(byte[] line, int length, byte[] topic) {
        int kafka = lastIndexOf(line, length, KAFKA);
        int at = kafka < 0 ? -1 : indexOf(line, length, kafka, TOPIC);
        int from = at + TOPIC.length;
        if (at < 0 || from + topic.length + 1 > length || line[from + topic.length] != '"') {
            return false;
        }
        for (int i = 0; i < topic.length; i++) {
            if (line[from + i] != topic[i]) {
                return false;
            }
        }
        return true;
    }

    private static long numberAfter(byte[] line, int length, int from, byte[] key) {
        int at = indexOf(line, length, from, key);
        if (at < 0) {
            return -1;
        }
        long value = 0;
        int digits = 0;
        for (int i = at + key.length; i < length; i++, digits++) {
            byte b = line[i];
            if (b < '0' || b > '9') {
                break;
            }
            value = value * 10 + (b - '0');
        }
        return digits == 0 ? -1 : value;
    }

    private static int indexOf(byte[] line, int length, int from, byte[] key) {
        outer:
        for (int i = from; i <= length - key.length; i++) {
            for (int j = 0; j < key.length; j++) {
                if (line[i + j] != key[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int lastIndexOf(byte[] line, int length, byte[] key) {
        outer:
        for (int i = length - key.length; i >= 0; i--) {
            for (int j = 0; j < key.length; j++) {
                if (line[i + j] != key[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
