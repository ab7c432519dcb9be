package io.kafkasse.delivery;

/** A stream that is opened and positioned (so its errors were still HTTP statuses) and now waits to be served. */
public interface OpenStream {

    /** Serves the stream on the service's threads and returns at once. */
    void serveInBackground();
}
