package io.kafkasse.filter;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.kafkasse.error.StreamProblem;
import io.kafkasse.position.Cursor;
import io.kafkasse.position.ResumeFrom;

/**
 * A client's filter would cost more than its bound on one record (a long key under a large pattern). It ends that
 * stream, never the thread that serves it and others; the stream's {@code error} event carries the id past the record,
 * so that a client which resumes with it goes on after the record it could not filter.
 */
public final class FilterTooCostly extends StreamProblem implements ResumeFrom {

    public static final String TYPE = "filter-too-costly";

    private static final long serialVersionUID = 1L;

    public FilterTooCostly(ConsumerRecord<?, ?> record, int keyBytes, long programSize, long maxWork) {
        super(400, TYPE, "Filter too costly",
                "Matching the key patterns (program size " + programSize + ") against the " + keyBytes + "-byte key of record "
                        + record.topic() + "-" + record.partition() + "@" + record.offset() + " would take more than " + maxWork
                        + " steps; the record was passed over and the stream ended: resume with this event's id to go on"
                        + " after it, with a simpler pattern to match such keys",
                Map.of("topic", record.topic(), "partition", Integer.toString(record.partition()),
                        "offset", Long.toString(record.offset())));
    }

    /** The cursor moved over the record before the filter ran: its id goes on after it, not onto it again. */
    @Override
    public String resumeId(Cursor cursor) {
        return cursor.id();
    }
}
