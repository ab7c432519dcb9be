package io.kafkasse.position;

/**
 * A failure that ends a stream with an error event whose id it makes from where the stream stands, rather than the id
 * of the last event delivered: past a record it passed over, or naming partitions added since.
 */
public interface ResumeFrom {

    /** The id a client resuming after this failure should send, from the stream's cursor. */
    String resumeId(Cursor cursor);
}
