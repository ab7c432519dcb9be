package io.kafkasse.it;

import io.kafkasse.it.support.SinkWriter;

/** Every case of {@link LiveStreamIT} again, with the portable JAX-RS {@code SseEventSink} writer. */
@SinkWriter
class LiveStreamSinkIT extends LiveStreamIT {
}
