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
import io.kafkasse.config.ServiceConfig;
import io.kafkasse.config.TopicAllowList;
import io.kafkasse.error.StreamProblem;

/**
 * Turns the names in {@code /v2/stream/{streams}} into topics: a configured stream expands to its topics, any other
 * name must be a topic the allow-list lets through. The union is all the request may ever read: nothing in
 * {@code Last-Event-ID} can reach beyond it.
 * Who may read them is {@link NameAccess}'s to say, first.
 */
@ApplicationScoped
public class StreamCatalog {

    static final int MAX_TOPICS = 64;

    @Inject
    ServiceConfig config;

    @Inject
    NameAccess access;

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
        Optional<Caller> caller = access.authorize(names, token);
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

    public Map<String, List<String>> namedStreams() {
        return config.streams().all();
    }

    public TopicAllowList allowList() {
        return config.allowedTopics();
    }
}
