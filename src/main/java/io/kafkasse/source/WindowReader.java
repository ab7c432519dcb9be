package io.kafkasse.source;

/** A client reading a topic's windows: told, from the feed's poll thread, that there may be more to read. It must not block. */
public interface WindowReader {

    /** Records were appended, or the topic failed: read (or learn the failure) on a thread of the reader's own. */
    void signal();
}
