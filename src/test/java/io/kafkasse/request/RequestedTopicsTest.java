package io.kafkasse.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.kafkasse.error.StreamProblem;

class RequestedTopicsTest {

    @Test
    void readsACommaSeparatedListOnceEach() {
        assertEquals(List.of("orders", "changes"), List.copyOf(RequestedTopics.parse("orders, changes,orders")));
    }

    @Test
    void refusesNamesKafkaWouldNeverAccept() {
        for (String bad : new String[] {"", "a,,b", "bad name", "a/b", "..", "x".repeat(250)}) {
            assertEquals(400, assertThrows(StreamProblem.class, () -> RequestedTopics.parse(bad)).status(), bad);
        }
    }

    @Test
    void internalTopicsAreUnknown() {
        assertEquals(404, assertThrows(StreamProblem.class, () -> RequestedTopics.parse("orders,__consumer_offsets")).status());
    }

    @Test
    void limitsHowManyTopicsOneRequestReads() {
        String many = String.join(",", java.util.stream.IntStream.range(0, 65).mapToObj(i -> "t" + i).toList());
        assertEquals(400, assertThrows(StreamProblem.class, () -> RequestedTopics.parse(many)).status());
    }
}
