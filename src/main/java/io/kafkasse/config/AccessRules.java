package io.kafkasse.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Who may read what: the roles a named stream needs ({@code sse.streams.<name>.roles}), the roles topics read by their
 * own name need ({@code sse.auth.topic-roles}), whether every stream needs a token ({@code sse.auth.required}), and
 * the role the operations endpoints need ({@code sse.auth.admin-role}). A caller needs ONE of the roles listed.
 * <p>
 * Protection follows the data: a topic read by its own name that no topic rule matches needs what the protected named
 * streams holding it need (any of their roles), so naming the topic is never a way around its stream's roles.
 */
public final class AccessRules {

    static final String REQUIRED = "sse.auth.required";
    static final String TOPIC_ROLES = "sse.auth.topic-roles";
    static final String ADMIN_ROLE = "sse.auth.admin-role";
    public static final String ROLES_SUFFIX = ".roles";

    /** A topic rule: a glob and the roles it needs. */
    private record TopicRule(String glob, Pattern pattern, Set<String> roles) {
    }

    private final boolean required;
    private final Map<String, Set<String>> streamRoles;
    private final List<TopicRule> topicRules;
    private final Map<String, Set<String>> rolesOfStreamTopics;
    private final Optional<String> adminRole;

    private AccessRules(boolean required, Map<String, Set<String>> streamRoles, List<TopicRule> topicRules,
                        Map<String, Set<String>> rolesOfStreamTopics, Optional<String> adminRole) {
        this.required = required;
        this.streamRoles = streamRoles;
        this.topicRules = topicRules;
        this.rolesOfStreamTopics = rolesOfStreamTopics;
        this.adminRole = adminRole;
    }

    /**
     * @param streamRoles stream name to its comma-separated roles, as configured
     * @param topicRoles {@code glob=role,role;glob=role}, as configured, or empty
     */
    static AccessRules of(boolean required, Map<String, String> streamRoles, Optional<String> topicRoles,
                          Optional<String> adminRole, NamedStreams streams) {
        Map<String, Set<String>> byStream = new TreeMap<>();
        streamRoles.forEach((name, roles) -> {
            String key = NamedStreams.PREFIX + name + ROLES_SUFFIX;
            if (streams.topicsOf(name) == null) {
                throw new InvalidConfigurationException(key, roles, "roles of a stream defined with " + NamedStreams.PREFIX
                        + name + NamedStreams.SUFFIX);
            }
            byStream.put(name, roles(key, roles));
        });
        List<TopicRule> rules = new ArrayList<>();
        for (String rule : topicRoles.map(r -> r.split(";")).orElse(new String[0])) {
            if (rule.isBlank()) {
                continue;
            }
            int equals = rule.indexOf('=');
            if (equals < 0) {
                throw new InvalidConfigurationException(TOPIC_ROLES, topicRoles.get(),
                        "rules separated by ';', each a topic glob, '=' and roles separated by ',' (payments-*=ops,audit)");
            }
            String glob = rule.substring(0, equals).trim();
            rules.add(new TopicRule(glob, TopicAllowList.glob(TOPIC_ROLES, glob), roles(TOPIC_ROLES, rule.substring(equals + 1))));
        }
        Map<String, Set<String>> ofTopics = new TreeMap<>();
        byStream.forEach((name, roles) -> streams.topicsOf(name)
                .forEach(topic -> ofTopics.computeIfAbsent(topic, t -> new LinkedHashSet<>()).addAll(roles)));
        if (adminRole.isPresent() && !adminRole.get().matches("[^\\s,;]+")) {
            throw new InvalidConfigurationException(ADMIN_ROLE, adminRole.get(), "one role name");
        }
        return new AccessRules(required, Collections.unmodifiableMap(byStream), List.copyOf(rules),
                Collections.unmodifiableMap(ofTopics), adminRole);
    }

    private static Set<String> roles(String key, String value) {
        Set<String> roles = new LinkedHashSet<>();
        for (String role : value.split(",")) {
            if (!role.isBlank()) {
                roles.add(role.trim());
            }
        }
        if (roles.isEmpty()) {
            throw new InvalidConfigurationException(key, value, "at least one role");
        }
        return Set.copyOf(roles);
    }

    /** Whether any stream needs a token: then names that are not served answer as forbidden ones do. */
    public boolean protectsStreams() {
        return required || !streamRoles.isEmpty() || !topicRules.isEmpty();
    }

    /** Whether anything needs a token (a stream or the operations endpoints). */
    public boolean needsTokens() {
        return protectsStreams() || adminRole.isPresent();
    }

    public boolean required() {
        return required;
    }

    /** The roles a named stream needs (one of them), empty when it needs none. */
    public Set<String> rolesOfStream(String name) {
        return streamRoles.getOrDefault(name, Set.of());
    }

    /** The roles a topic read by its own name needs: the first matching rule's, else its protected streams'. */
    public Set<String> rolesOfTopic(String topic) {
        for (TopicRule rule : topicRules) {
            if (rule.pattern().matcher(topic).matches()) {
                return rule.roles();
            }
        }
        return rolesOfStreamTopics.getOrDefault(topic, Set.of());
    }

    public Optional<String> adminRole() {
        return adminRole;
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add(!protectsStreams() ? "every stream public" : required ? "a token required for every stream" : "streams without a rule public");
        streamRoles.forEach((name, roles) -> parts.add("stream " + name + " for " + String.join("|", roles)));
        topicRules.forEach(rule -> parts.add("topics " + rule.glob() + " for " + String.join("|", rule.roles())));
        adminRole.ifPresent(role -> parts.add("operations endpoints for " + role));
        return String.join(", ", parts);
    }
}
