package io.kafkasse.request;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.kafkasse.auth.Caller;
import io.kafkasse.filter.RecordFilter;
import io.kafkasse.position.RequestedPosition;

/**
 * What a client asked for, validated: the topics it may read (the union of its streams, which is also everything
 * {@code Last-Event-ID} may name), where to start, and the records it wants.
 *
 * @param streams the stream names requested, each one served (a configured stream or an allowed topic)
 * @param streamOfTopic for each topic, the requested stream its events are counted under
 * @param topics the topics to read, in the order named
 * @param configuredTopics those of the topics that come from named streams: if one is missing, the configuration is wrong
 * @param resumeFrom positions from {@code Last-Event-ID}; empty when none was given
 * @param since epoch milliseconds to start from, or null; ignored when {@code resumeFrom} is not empty
 * @param filter the client's server-side filter
 * @param caller who asked, when a requested name needed a token: the stream ends when the token expires
 * @param token the request's bearer token, unverified, for the answer to a topic the cluster does not have
 */
public record StreamRequest(List<String> streams, Map<String, String> streamOfTopic, Set<String> topics, Set<String> configuredTopics, List<RequestedPosition> resumeFrom,
                            Long since, RecordFilter filter, Optional<Caller> caller,
                            Optional<String> token) {
}
