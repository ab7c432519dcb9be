package io.kafkasse.source;

import java.util.Map;

import io.kafkasse.error.StreamProblem;
import io.kafkasse.position.Cursor;
import io.kafkasse.position.ResumeFrom;

/**
 * A topic read by a stream now has more partitions. Retryable: the stream ends, and its {@code error} event's id names
 * the new partitions at their first record besides where the client stands in the others, so that a client resuming
 * with it reads everything produced to them, from before its reconnect too (a partition an id does not name would
 * start at its end).
 */
public final class TopicChanged extends StreamProblem implements ResumeFrom {

    public static final String TYPE = "topic-changed";
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final int partitions;

    public TopicChanged(String topic, int partitions) {
        super(503, TYPE, "Topic changed",
                "Topic '" + topic + "' now has " + partitions + " partitions; reconnect with the id of this event to"
                        + " resume, the new partitions from their first record",
                Map.of("topic", topic, "partitions", Integer.toString(partitions)), true);
        this.topic = topic;
        this.partitions = partitions;
    }

    /** The id also names the new partitions, at their first record. */
    @Override
    public String resumeId(Cursor cursor) {
        return cursor.idWithPartitionsAdded(topic, partitions);
    }
}
