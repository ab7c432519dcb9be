package io.kafkasse.source;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.kafkasse.error.StreamProblem;

/**
 * Waits for an answer that depends on Kafka: a failure passes as it is (a problem, or an error the caller knows what to
 * make of); an {@link Error}, or no answer in time, is 503.
 */
final class KafkaWait {

    private KafkaWait() {
    }

    static <T> T await(Future<T> answer, long timeoutMillis) {
        try {
            return answer.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : StreamProblem.kafkaUnavailable(e.getCause());
        } catch (TimeoutException e) {
            throw StreamProblem.kafkaUnavailable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StreamProblem.kafkaUnavailable(e);
        }
    }
}
