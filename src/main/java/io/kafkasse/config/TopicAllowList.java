package io.kafkasse.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which topics may be served at all ({@code sse.allowed-topics}): exact names or globs where {@code *} stands for any
 * run of topic-name characters. Unset means every topic except Kafka's internal ones, which are never served.
 */
public final class TopicAllowList {

    private static final TopicAllowList ALL = new TopicAllowList(Optional.empty());

    private final Optional<List<Pattern>> patterns;
    private final String description;

    private TopicAllowList(Optional<List<String>> entries) {
        this.patterns = entries.map(list -> list.stream().map(TopicAllowList::glob).toList());
        this.description = entries.map(Object::toString).orElse("every non-internal topic");
    }

    public static TopicAllowList of(Optional<List<String>> entries) {
        return entries.isEmpty() ? ALL : new TopicAllowList(entries);
    }

    public static boolean isInternal(String topic) {
        return topic.startsWith("__");
    }

    public boolean allows(String topic) {
        if (isInternal(topic)) {
            return false;
        }
        return patterns.map(list -> list.stream().anyMatch(p -> p.matcher(topic).matches())).orElse(true);
    }

    /** False when {@code sse.allowed-topics} is unset, i.e. every topic on the cluster may be listed. */
    public boolean isRestricted() {
        return patterns.isPresent();
    }

    private static Pattern glob(String entry) {
        if (!entry.matches("[a-zA-Z0-9._*-]+")) {
            throw new InvalidConfigurationException("sse.allowed-topics", entry,
                    "topic names or globs made of [a-zA-Z0-9._-] and *");
        }
        StringBuilder regex = new StringBuilder();
        for (String part : entry.split("\\*", -1)) {
            if (regex.length() > 0) {
                regex.append("[a-zA-Z0-9._-]*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    @Override
    public String toString() {
        return description;
    }
}
