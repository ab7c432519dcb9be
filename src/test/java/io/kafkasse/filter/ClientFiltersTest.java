package io.kafkasse.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonValue;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.kafkasse.error.StreamProblem;

class ClientFiltersTest {

    @Test
    void noFilterParametersAcceptEverything() {
        assertSame(RecordFilter.ACCEPT_ALL, ClientFilters.fromQuery(Map.of("since", List.of("0"), "last_event_id", List.of("[]"))));
    }

    @Test
    void keyMustMatchThePatternFullyAndAMissingKeyNeverMatches() {
        RecordFilter filter = ClientFilters.fromQuery(Map.of("key", List.of("order-1.*")));
        assertTrue(filter.accept(record("order-12", "{}"), null));
        assertFalse(filter.accept(record("my-order-12", "{}"), null));
        assertFalse(filter.accept(record(null, "{}"), null));
    }

    @Test
    void repeatedKeyPatternsMeanAnyOf() {
        RecordFilter filter = ClientFilters.fromQuery(Map.of("key", List.of("a", "b")));
        assertTrue(filter.accept(record("b", "{}"), null));
        assertFalse(filter.accept(record("c", "{}"), null));
    }

    @Test
    void fieldsMatchByDottedPathWithTypedEquality() {
        RecordFilter filter = ClientFilters.fromQuery(Map.of(
                "match.meta.domain", List.of("commons.wikimedia.org"),
                "match.namespace", List.of("0"),
                "match.bot", List.of("false")));
        assertTrue(filter.accept(null, json("{\"meta\":{\"domain\":\"commons.wikimedia.org\"},\"namespace\":0.0,\"bot\":false}")));
        assertFalse(filter.accept(null, json("{\"meta\":{\"domain\":\"commons.wikimedia.org\"},\"namespace\":1,\"bot\":false}")));
        assertFalse(filter.accept(null, json("{\"meta\":\"commons.wikimedia.org\",\"namespace\":0,\"bot\":false}")));
        assertFalse(filter.accept(null, json("[1]")));
    }

    @Test
    void repeatedFieldValuesMeanAnyOf() {
        RecordFilter filter = ClientFilters.fromQuery(Map.of("match.wiki", List.of("enwiki", "dewiki")));
        assertTrue(filter.accept(null, json("{\"wiki\":\"dewiki\"}")));
        assertFalse(filter.accept(null, json("{\"wiki\":\"frwiki\"}")));
        assertFalse(filter.accept(null, json("{\"other\":\"enwiki\"}")));
    }

    @Test
    void catastrophicBacktrackingIsCutShortAndDoesNotMatch() {
        RecordFilter filter = ClientFilters.fromQuery(Map.of("key", List.of("(a+)+$")));
        ConsumerRecord<byte[], byte[]> evil = record("a".repeat(5_000) + "!", "{}");
        assertFalse(assertTimeoutPreemptively(Duration.ofSeconds(2), () -> filter.accept(evil, null)));
    }

    @Test
    void malformedFiltersAreA400NamingTheParameter() {
        for (Map<String, List<String>> bad : List.of(
                Map.of("key", List.of("(")),
                Map.of("key", List.of("x".repeat(257))),
                Map.of("match.", List.of("x")),
                Map.of("match.a..b", List.of("x")),
                Map.of("match.a", List.of("x".repeat(1025))),
                Map.of("key", java.util.Collections.nCopies(17, "a")))) {
            StreamProblem problem = assertThrows(StreamProblem.class, () -> ClientFilters.fromQuery(bad), bad.keySet().toString());
            assertEquals(400, problem.status());
            assertEquals("urn:kafka-sse:problem:invalid-filter", problem.toJson().getString("type"));
        }
    }

    private static JsonValue json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    private static ConsumerRecord<byte[], byte[]> record(String key, String value) {
        return new ConsumerRecord<>("t", 0, 0L, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8));
    }
}
