package io.kafkasse.request;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.kafkasse.error.StreamProblem;

/**
 * The names in the path of {@code /v2/stream/{streams}}: a comma-separated list of stream or topic names, checked
 * against Kafka's rules for names before anything reaches Kafka.
 */
public final class RequestedNames {

    static final int MAX_TOPIC_LENGTH = 249;
    static final int MAX_TOPICS = 64;

    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");

    private RequestedNames() {
    }

    public static List<String> parse(String streams) {
        Set<String> topics = new LinkedHashSet<>();
        for (String name : streams.split(",", -1)) {
            String topic = name.trim();
            if (topic.isEmpty()) {
                throw invalid(streams, "the list of streams has an empty name");
            }
            if (topic.length() > MAX_TOPIC_LENGTH || !LEGAL.matcher(topic).matches() || ".".equals(topic) || "..".equals(topic)) {
                throw invalid(topic, "'" + abbreviate(topic) + "' is not a valid topic name");
            }
            topics.add(topic);
        }
        if (topics.size() > MAX_TOPICS) {
            throw invalid(abbreviate(streams), "at most " + MAX_TOPICS + " names can be given at once");
        }
        return List.copyOf(topics);
    }

    private static StreamProblem invalid(String value, String detail) {
        return StreamProblem.badRequest("invalid-stream-name", "Invalid stream name", detail, Map.of("streams", abbreviate(value)));
    }

    private static String abbreviate(String value) {
        return value.length() <= 100 ? value : value.substring(0, 100) + "...";
    }
}
