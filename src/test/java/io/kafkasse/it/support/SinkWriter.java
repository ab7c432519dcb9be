package io.kafkasse.it.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The test class's WAR is configured with the portable {@code SseEventSink} writer ({@code sse.writer=sink}) instead of
 * the default coalescing writer. A writer-sensitive class {@code FooIT} has a one-line subclass {@code FooSinkIT}
 * carrying this annotation, so that every case runs with both writers in one run of the suite.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface SinkWriter {
}
