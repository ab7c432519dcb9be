package io.kafkasse.config;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The streams an operator defined with {@code sse.streams.<name>.topics}: a name clients use in the URL, standing
 * for one or more topics (for example one per data centre). Every topic must be allowed by the allow-list.
 */
public final class NamedStreams {

    public static final String PREFIX = "sse.streams.";
    public static final String SUFFIX = ".topics";

    private static final String NAME = "[a-zA-Z0-9._-]+";

    private final Map<String, List<String>> streams;

    private NamedStreams(Map<String, List<String>> streams) {
        this.streams = Collections.unmodifiableMap(streams);
    }

    /**
     * @param definitions stream name to its comma-separated topics, as configured
     */
    public static NamedStreams of(Map<String, String> definitions, TopicAllowList allowed) {
        Map<String, List<String>> streams = new TreeMap<>();
        definitions.forEach((name, topics) -> {
            String key = PREFIX + name + SUFFIX;
            if (!name.matches(NAME)) {
                throw new InvalidConfigurationException(key, topics, "a stream name made of [a-zA-Z0-9._-]");
            }
            Set<String> list = new LinkedHashSet<>();
            for (String topic : topics.split(",")) {
                String trimmed = topic.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                if (!trimmed.matches(NAME) || !allowed.allows(trimmed)) {
                    throw new InvalidConfigurationException(key, topics,
                            "topics allowed by sse.allowed-topics (" + allowed + "); '" + trimmed + "' is not");
                }
                list.add(trimmed);
            }
            if (list.isEmpty()) {
                throw new InvalidConfigurationException(key, topics, "at least one topic");
            }
            streams.put(name, List.copyOf(list));
        });
        return new NamedStreams(streams);
    }

    /** The topics of a stream, or null when no stream has this name. */
    public List<String> topicsOf(String name) {
        return streams.get(name);
    }

    /** Every stream, by name. */
    public Map<String, List<String>> all() {
        return streams;
    }
}
