package io.kafkasse.it;

import io.kafkasse.it.support.SinkWriter;

/** Every case of {@link StreamAuthorizationIT} again, with the portable JAX-RS {@code SseEventSink} writer. */
@SinkWriter
class StreamAuthorizationSinkIT extends StreamAuthorizationIT {
}
