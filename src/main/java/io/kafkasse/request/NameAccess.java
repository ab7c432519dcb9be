package io.kafkasse.request;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.kafkasse.auth.Caller;
import io.kafkasse.auth.StreamAccess;
import io.kafkasse.config.ServiceConfig;
import io.kafkasse.error.AccessProblem;
import io.kafkasse.error.StreamProblem;

/**
 * Who may read the names of {@code /v2/stream/{streams}}: a named stream needs its roles, a topic by its own name the
 * roles of its rule (or of the protected streams that hold it). While any stream is protected, a name that is not
 * served, and a topic the cluster does not have, are answered as a protected name the caller may not read (401 without
 * a valid token, else 403), never as unknown: the answers do not tell which protected names exist.
 */
@ApplicationScoped
public class NameAccess {

    @Inject
    ServiceConfig config;

    @Inject
    StreamAccess access;

    /**
     * Checks the names of a request; its caller when one of them needed a token (the stream ends when it expires).
     * <p>
     * Ordering rule: every name is looked at before any answer, and a name that needs a token is answered 401 before
     * any is answered 403, so the status depends on the token only, never on which names exist.
     *
     * @param token the request's bearer token, unverified (verified only if a name needs it)
     */
    public Optional<Caller> authorize(List<String> names, Optional<String> token) {
        if (!config.access().protectsStreams()) {
            return Optional.empty();
        }
        String first = null;
        for (String name : names) {
            Set<String> roles = rolesOf(name);
            if (roles == null || !roles.isEmpty() || config.access().required()) {
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

    /**
     * What a topic the cluster does not have is answered with: while streams are protected, what a protected name
     * would be answered with; otherwise the 404 itself.
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

    /** The roles a name needs, empty for none; null when it is neither a stream nor an allowed topic. */
    private Set<String> rolesOf(String name) {
        if (config.streams().topicsOf(name) != null) {
            return config.access().rolesOfStream(name);
        }
        return config.allowedTopics().allows(name) ? config.access().rolesOfTopic(name) : null;
    }
}
