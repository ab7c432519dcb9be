package io.kafkasse.consumer;

/** A stream that is opened and positioned (so its errors were still HTTP statuses) and now waits to be served. */
public interface OpenStream {

    /** Serves the stream from the stream executor and returns at once; 503 if the server cannot take another. */
    void serveInBackground();

    /** Serves the stream on the calling thread, returning when it ends. */
    void serveHere();
}
