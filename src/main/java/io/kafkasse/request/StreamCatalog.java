package io.kafkasse.request;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.kafkasse.auth.Caller;
import io.kafkasse.auth.StreamAccess;
import io.kafkasse.config.AccessRules;
import io.kafkasse.config.ServiceConfig;
import io.kafkasse.config.TopicAllowList;
import io.kafkasse.error.AccessProblem;
import io.kafkasse.error.StreamProblem;

/**
 * Turns the names in {@code /v2/stream/{streams}} into topics: a configured stream expands to its topics, any other
 * name must be a topic the allow-list lets through. The union is all the request may ever read: nothing in
 * {@code Last-Event-ID} can reach beyond it.
 * <p>
 * With access rules, a name that is neither is answered as a stream the caller may not read (401 without a token,
 * 403 with one), never as unknown: the answers do not tell which protected names exist.
 */
@ApplicationScoped
public class StreamCatalog {

    static final int MAX_TOPICS = 64;

    @Inject
    ServiceConfig config;

    @Inject
    StreamAccess access;

    /**
     * The topics a request names.
     *
     * @param names the stream names requested (each a configured stream or an allowed topic)
     * @param topics every topic, in the order named
     * @param configuredTopics those that come from the operator's stream definitions
     * @param streamOfTopic for each topic, the first stream requested that holds it (what its events are counted under)
     * @param caller who asked, when something requested needs a token; the stream ends when its token does
     */
    public record Selection(List<String> names, Set<String> topics, Set<String> configuredTopics,
                            Map<String, String> streamOfTopic, Optional<Caller> caller) {
    }

    /** @param token the request's bearer token, unverified (verified here only if a name needs it) */
    public Selection select(List<String> names, Optional<String> token) {
        AccessRules rules = config.access();
        Optional<Caller> caller = rules.protectsStreams() ? authorize(names, token) : Optional.empty();
        Set<String> topics = new LinkedHashSet<>();
        Set<String> configured = new LinkedHashSet<>();
        Map<String, String> streamOfTopic = new LinkedHashMap<>();
        for (String name : names) {
            List<String> streamTopics = config.streams().topicsOf(name);
            if (streamTopics != null) {
                topics.addAll(streamTopics);
                configured.addAll(streamTopics);
                streamTopics.forEach(topic -> streamOfTopic.putIfAbsent(topic, name));
            } else if (config.allowedTopics().allows(name)) {
                topics.add(name);
                streamOfTopic.putIfAbsent(name, name);
            } else {
                throw StreamProblem.unknownStream(name);
            }
        }
        if (topics.size() > MAX_TOPICS) {
            throw StreamProblem.badRequest("too-many-topics", "Too many topics",
                    "A request may read at most " + MAX_TOPICS + " topics; these streams name " + topics.size(), Map.of());
        }
        return new Selection(List.copyOf(names), topics, configured, streamOfTopic, caller);
    }

    /**
     * Ordering rule: every name is looked at before any answer, and a name that needs a token is answered 401 before
     * any is answered 403, so the status depends on the token only, never on which names exist.
     */
    private Optional<Caller> authorize(List<String> names, Optional<String> token) {
        AccessRules rules = config.access();
        String first = null;
        for (String name : names) {
            Set<String> roles = rolesOf(name);
            if (roles == null || !roles.isEmpty() || rules.required()) {
                first = name;
                break;
            }
        }
        if (first == null) {
            return Optional.empty();
        }
        Caller caller = access.identify(token, "Stream '" + first + "'");
        for (String name : names) {
            Set<String> roles = rolesOf(name);
            if (roles == null || !access.mayRead(roles, Optional.of(caller))) {
                throw AccessProblem.forbidden("Stream '" + name + "'");
            }
        }
        return Optional.of(caller);
    }

    /** The roles a name needs, empty for none; null when it is neither a stream nor an allowed topic. */
    private Set<String> rolesOf(String name) {
        if (config.streams().topicsOf(name) != null) {
            return config.access().rolesOfStream(name);
        }
        return config.allowedTopics().allows(name) ? config.access().rolesOfTopic(name) : null;
    }

    /**
     * What a topic the cluster does not have is answered with, when streams are protected: what a protected name
     * would be answered with (401 without a valid token, else 403), so that a name's protection tells nothing of its
     * existence. Without protected streams, the 404 itself.
     */
    public StreamProblem unknownTopicAnswer(StreamProblem unknown, Optional<String> token) {
        String topic = unknown.field("topic");
        if (!config.access().protectsStreams() || topic == null) {
            return unknown;
        }
        access.identify(token, "Stream '" + topic + "'");
        return AccessProblem.forbidden("Stream '" + topic + "'");
    }

    /** Whether a caller may read a name (for listings, which leave out what it may not). */
    public boolean mayList(String name, Optional<Caller> caller) {
        if (!config.access().protectsStreams()) {
            return true;
        }
        Set<String> roles = rolesOf(name);
        return roles != null && access.mayRead(roles, caller);
    }

    public Map<String, List<String>> namedStreams() {
        return config.streams().all();
    }

    public TopicAllowList allowList() {
        return config.allowedTopics();
    }
}
