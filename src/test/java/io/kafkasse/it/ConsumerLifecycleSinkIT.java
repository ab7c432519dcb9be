package io.kafkasse.it;

import io.kafkasse.it.support.SinkWriter;

/** Every case of {@link ConsumerLifecycleIT} again, with the portable JAX-RS {@code SseEventSink} writer. */
@SinkWriter
class ConsumerLifecycleSinkIT extends ConsumerLifecycleIT {
}
