package io.kafkasse.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which topics may be served at all: those {@code sse.allowed-topics} names (exact names or globs where {@code *}
 * stands for any run of topic-name characters; unset: every topic), less those {@code sse.denied-topics} names, less
 * Kafka's internal ones ({@code __*}), which are never served. Denial wins over allowance.
 * <p>
 * The default denials are the topics frameworks keep next to an application's own, which are not meant for the public
 * and often hold secrets: Schema Registry's {@code _schemas}, Kafka Connect's {@code connect-*} (connector settings,
 * credentials among them), Kafka Streams' {@code *-changelog} and {@code *-repartition}. {@code none} denies nothing
 * beyond the internal topics.
 */
public final class TopicAllowList {

    /** The default of {@code sse.denied-topics}. */
    public static final List<String> FRAMEWORK_TOPICS = List.of("_schemas", "connect-*", "*-changelog", "*-repartition");
    /** The value of {@code sse.denied-topics} that denies nothing beyond Kafka's internal topics. */
    public static final String NONE = "none";

    private final Optional<List<Pattern>> allowed;
    private final List<Pattern> denied;
    private final String description;

    private TopicAllowList(Optional<List<String>> allowedEntries, List<String> deniedEntries) {
        this.allowed = allowedEntries.map(list -> list.stream().map(entry -> glob("sse.allowed-topics", entry)).toList());
        this.denied = deniedEntries.stream().map(entry -> glob("sse.denied-topics", entry)).toList();
        this.description = allowedEntries.map(Object::toString).orElse("every non-internal topic")
                + (deniedEntries.isEmpty() ? "" : " except " + deniedEntries);
    }

    /** Allowed topics with the default denials. */
    public static TopicAllowList of(Optional<List<String>> entries) {
        return of(entries, Optional.empty());
    }

    /**
     * @param allowedEntries {@code sse.allowed-topics}, empty when unset
     * @param deniedEntries  {@code sse.denied-topics}, empty when unset (the default denials), or {@link #NONE}
     */
    public static TopicAllowList of(Optional<List<String>> allowedEntries, Optional<List<String>> deniedEntries) {
        List<String> denied = deniedEntries.orElse(FRAMEWORK_TOPICS);
        if (denied.size() == 1 && denied.get(0).equalsIgnoreCase(NONE)) {
            denied = List.of();
        }
        return new TopicAllowList(allowedEntries, denied);
    }

    public static boolean isInternal(String topic) {
        return topic.startsWith("__");
    }

    public boolean allows(String topic) {
        if (isInternal(topic) || denied.stream().anyMatch(p -> p.matcher(topic).matches())) {
            return false;
        }
        return allowed.map(list -> list.stream().anyMatch(p -> p.matcher(topic).matches())).orElse(true);
    }

    /** False when {@code sse.allowed-topics} is unset, i.e. every topic on the cluster may be listed. */
    public boolean isRestricted() {
        return allowed.isPresent();
    }

    static Pattern glob(String key, String entry) {
        if (!entry.matches("[a-zA-Z0-9._*-]+")) {
            throw new InvalidConfigurationException(key, entry, "topic names or globs made of [a-zA-Z0-9._-] and *");
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
