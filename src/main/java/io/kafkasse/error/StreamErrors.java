package io.kafkasse.error;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * Marks a method that serves a stream: a failure before the stream starts becomes an HTTP answer (problem+json, or
 * for an SSE client turned away by a passing failure a stream that tells it when to come back), a failure after it
 * started becomes an SSE {@code error} event that ends the stream.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface StreamErrors {
}
