package io.kafkasse.it.support;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sentinel records: how a test proves that nothing more arrives without waiting a fixed time. Records of a partition
 * reach a client in order, so once a sentinel sent to a partition has arrived, anything that partition still had to
 * deliver before it would have come first.
 */
public final class Sentinels {

    private static final Pattern MARKER = Pattern.compile("sentinel-[0-9a-f]{32}");

    private Sentinels() {
    }

    static String marker() {
        return "sentinel-" + UUID.randomUUID().toString().replace("-", "");
    }

    /** The sentinel markers found in the events' data, in order (whatever the value format wraps them in). */
    public static List<String> markersIn(List<String> data) {
        List<String> found = new ArrayList<>();
        for (String text : data) {
            Matcher matcher = MARKER.matcher(text);
            found.add(matcher.find() ? matcher.group() : "not a sentinel: " + text);
        }
        return found;
    }
}
