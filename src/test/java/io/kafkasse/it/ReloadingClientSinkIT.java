package io.kafkasse.it;

import io.kafkasse.it.support.SinkWriter;

/** {@link ReloadingClientIT} again, with the portable JAX-RS {@code SseEventSink} writer. */
@SinkWriter
class ReloadingClientSinkIT extends ReloadingClientIT {
}
