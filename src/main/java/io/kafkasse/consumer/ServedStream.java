package io.kafkasse.consumer;

/** A stream being served to a client, which the server can end from any thread (on undeploy). */
public interface ServedStream {

    void shutdown();
}
