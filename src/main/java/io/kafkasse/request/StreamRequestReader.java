package io.kafkasse.request;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.kafkasse.filter.ClientFilters;
import io.kafkasse.filter.RecordFilter;
import io.kafkasse.position.LastEventId;
import io.kafkasse.position.RequestedPosition;
import io.kafkasse.position.Since;

/**
 * Reads a stream request from its path, headers and query: every syntax error is a 400 found here, before names are
 * resolved (404) or Kafka is asked anything. The {@code Last-Event-ID} header wins over the {@code last_event_id}
 * query parameter, and either wins over {@code since}. Who may read the names is checked after their syntax (a 400
 * says nothing of which names exist).
 */
@ApplicationScoped
public class StreamRequestReader {

    @Inject
    StreamCatalog catalog;

    public StreamRequest read(String streams, String lastEventIdHeader, String lastEventIdParameter, String since,
                              Map<String, List<String>> query, Optional<String> token) {
        List<String> names = RequestedNames.parse(streams);
        String lastEventId = present(lastEventIdHeader) ? lastEventIdHeader : lastEventIdParameter;
        List<RequestedPosition> resumeFrom = present(lastEventId) ? LastEventId.parse(lastEventId) : List.of();
        Long sinceMillis = resumeFrom.isEmpty() && present(since) ? Since.parse(since) : null;
        RecordFilter filter = ClientFilters.fromQuery(query);
        StreamCatalog.Selection selection = catalog.select(names, token);
        return new StreamRequest(selection.names(), selection.streamOfTopic(), selection.topics(), selection.configuredTopics(), resumeFrom, sinceMillis, filter,
                selection.caller(), token);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
