package io.kafkasse.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.kafkasse.error.StreamProblem;

class RequestedNamesTest {

    @Test
    void readsACommaSeparatedListOnceEach() {
        assertEquals(List.of("orders", "changes"), (RequestedNames.parse("orders, changes,orders")));
    }

    @Test
    void refusesNamesKafkaWouldNeverAccept() {
        for (String bad : new String[] {"", "a,,b", "bad name", "a/b", "..", "x".repeat(250)}) {
            assertEquals(400, assertThrows(StreamProblem.class, () -> RequestedNames.parse(bad)).status(), bad);
        }
    }

    @Test
    void limitsHowManyTopicsOneRequestReads() {
        String many = String.join(",", java.util.stream.IntStream.range(0, 65).mapToObj(i -> "t" + i).toList());
        assertEquals(400, assertThrows(StreamProblem.class, () -> RequestedNames.parse(many)).status());
    }
}
