package io.kafkasse.it;

import io.kafkasse.it.support.SinkWriter;

/** The restart again with the portable JAX-RS {@code SseEventSink} writer: its drain at a SIGTERM. */
@SinkWriter
class ServerRestartSinkIT extends ServerRestartIT {
}
