package io.kafkasse.filter;

import static io.kafkasse.filter.Records.json;
import static io.kafkasse.filter.Records.withKey;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import io.kafkasse.error.StreamProblem;

class ClientFiltersTest {

    @Test
    void noFilterParametersGiveTheSharedFilterThatAcceptsEverything() {
        assertSame(ClientFilters.NONE, ClientFilters.fromQuery(Map.of()));
        assertSame(ClientFilters.NONE, ClientFilters.fromQuery(Map.of("since", List.of("2025-01-01T00:00:00Z"),
                "last_event_id", List.of("[]"), "match", List.of("x"), "Key", List.of("x"), "key", List.of())));
        assertTrue(ClientFilters.NONE.accept(withKey(null), null));
    }

    @Test
    void otherParametersAreIgnoredNextToFilters() {
        RecordFilter filter = ClientFilters.fromQuery(Map.of("key", List.of("a"), "since", List.of("(")));
        assertTrue(filter.accept(withKey("a"), null));
    }

    @Test
    void everyConditionMustHold() {
        RecordFilter filter = ClientFilters.fromQuery(Map.of(
                "key", List.of("o-\\d+"),
                "match.status", List.of("paid"),
                "match.customer.country", List.of("DE", "AT")));
        String paidInGermany = "{\"status\":\"paid\",\"customer\":{\"country\":\"DE\"}}";
        assertTrue(filter.accept(withKey("o-1"), json(paidInGermany)));
        assertTrue(filter.accept(withKey("o-2"), json("{\"status\":\"paid\",\"customer\":{\"country\":\"AT\"}}")));
        assertFalse(filter.accept(withKey("x-1"), json(paidInGermany)));
        assertFalse(filter.accept(withKey("o-1"), json("{\"status\":\"open\",\"customer\":{\"country\":\"DE\"}}")));
        assertFalse(filter.accept(withKey("o-1"), json("{\"status\":\"paid\",\"customer\":{\"country\":\"FR\"}}")));
        assertFalse(filter.accept(withKey("o-1"), json("{\"status\":\"paid\"}")));
    }

    @Test
    void anInvalidPatternIsABadRequestSayingWhy() {
        JsonObject problem = problem(Map.of("key", List.of("order-(\\d+")));
        assertEquals(400, problem.getInt("status"));
        assertEquals("urn:kafka-sse:problem:invalid-filter", problem.getString("type"));
        assertEquals("Invalid filter", problem.getString("title"));
        assertEquals("key", problem.getString("parameter"));
        assertEquals("the pattern of 'key' is not a valid RE2 regular expression: missing closing )",
                problem.getString("detail"));
    }

    @Test
    void backReferencesAndLookAroundAreNotRe2AndAreRefused() {
        assertEquals(400, problem(Map.of("key", List.of("(a+)+\\1$"))).getInt("status"));
        assertEquals(400, problem(Map.of("key", List.of("(?=a)a"))).getInt("status"));
        assertEquals(400, problem(Map.of("key", List.of("a++"))).getInt("status"));
    }

    @Test
    void patternsThatCompileToMoreThan300InstructionsTogetherAreABadRequest() {
        assertDoesNotThrow(() -> ClientFilters.fromQuery(Map.of("key", List.of("[0-9a-f]{100}", "[0-9a-f]{100}"))));
        JsonObject one = problem(Map.of("key", List.of("[0-9a-f]{310}")));
        assertTrue(one.getString("detail").contains("compile to 312"), one.getString("detail"));
        JsonObject together = problem(Map.of("key", List.of("[0-9a-f]{100}", "[0-9a-f]{100}", "[0-9a-f]{100}")));
        assertEquals("urn:kafka-sse:problem:invalid-filter", together.getString("type"));
        assertTrue(together.getString("detail").contains("at most 300 are allowed"), together.getString("detail"));
    }

    @Test
    void aPatternThatRepeatsAnEmptyGroupBeyondCountingIsABadRequest() {
        // RE2/J would copy the group for every repetition: billions of instructions, out of heap while compiling.
        JsonObject problem = problem(Map.of("key", List.of("(?:(?:){2147483647}){2147483647}")));
        assertEquals("urn:kafka-sse:problem:invalid-filter", problem.getString("type"));
        assertTrue(problem.getString("detail").contains("repeats too much"), problem.getString("detail"));
        assertDoesNotThrow(() -> ClientFilters.fromQuery(Map.of("key", List.of("(?:(?:a{5}){5}){5}"))));
    }

    // Issue 20: in comments mode, whitespace between a count and its group hid the nesting from the repetition bound;
    // each of these was accepted and looped about 10^9 (10^12 for the second) times without reading the key.
    @Test
    void aPatternThatTurnsOnCommentsModeIsABadRequest() {
        for (String pattern : List.of("(?x)(?:(?:(?:) {999}) {999}) {999}", "(?x)(?:(?:(?:(?:){9 9 9}){9 9 9}){9 9 9}){9 9 9}",
                "(?ix-s:a b)", "a(?x)")) {
            JsonObject problem = problem(Map.of("key", List.of(pattern)));
            assertEquals("the pattern of 'key' turns on comments mode ((?x)), which key patterns do not support",
                    problem.getString("detail"), pattern);
        }
        assertDoesNotThrow(() -> ClientFilters.fromQuery(Map.of("key", List.of("(?i-s)a b"))));
    }

    // Issue 20: the repetition bound misread each of these (a class opened by "[]", a control escape "\c)", a count
    // where an atom starts) and let 10^9 to 10^12 iterations of empty loops through.
    @Test
    void patternsThatOnceHidTheirNestingAreBadRequests() {
        for (String pattern : List.of("[])]?(?:(?:(?:(?:){999}){999}){999}){999}", "[^])]?(?:(?:(?:(?:){999}){999}){999}){999}",
                "\\c)?(?:(?:(?:(?:){999}){999}){999}){999}", "{2147483647}a", "({2147483647})")) {
            JsonObject problem = problem(Map.of("key", List.of(pattern)));
            assertTrue(problem.getString("detail").contains("repeats too much"), pattern + ": " + problem.getString("detail"));
        }
    }

    @Test
    void patternsAreAtMost256Characters() {
        assertDoesNotThrow(() -> ClientFilters.fromQuery(Map.of("key", List.of("a".repeat(256)))));
        JsonObject problem = problem(Map.of("key", List.of("a".repeat(257))));
        assertEquals("key", problem.getString("parameter"));
        assertEquals("the pattern of 'key' is longer than 256 characters", problem.getString("detail"));
    }

    @Test
    void matchValuesAreAtMost1024Characters() {
        assertDoesNotThrow(() -> ClientFilters.fromQuery(Map.of("match.title", List.of("t".repeat(1024)))));
        JsonObject problem = problem(Map.of("match.title", List.of("short", "t".repeat(1025))));
        assertEquals("match.title", problem.getString("parameter"));
        assertEquals("the value of 'match.title' is longer than 1024 characters", problem.getString("detail"));
    }

    @Test
    void aFieldPathMayNotHaveEmptyNames() {
        for (String name : List.of("match.", "match..x", "match.x.", "match.x..y")) {
            JsonObject problem = problem(Map.of(name, List.of("v")));
            assertEquals(name, problem.getString("parameter"));
            assertTrue(problem.getString("detail").startsWith("'" + name + "' has an empty field name"),
                    problem.getString("detail"));
        }
    }

    @Test
    void atMost16FilterValuesCountingRepeatsAndKeys() {
        Map<String, List<String>> sixteen = new HashMap<>();
        sixteen.put("key", List.of("a", "b", "c", "d"));
        sixteen.put("match.wiki", values(12));
        sixteen.put("since", values(40));
        assertDoesNotThrow(() -> ClientFilters.fromQuery(sixteen));

        Map<String, List<String>> seventeen = new HashMap<>(sixteen);
        seventeen.put("match.type", List.of("edit"));
        JsonObject problem = problem(seventeen);
        assertEquals(400, problem.getInt("status"));
        assertEquals("at most 16 filters (key and match.* values together) may be given", problem.getString("detail"));
    }

    @Test
    void tooManyFiltersIsRefusedBeforeAnyPatternIsCompiled() {
        // Seventeen invalid patterns: the count is what the client hears about.
        JsonObject problem = problem(Map.of("key", Collections.nCopies(17, "(")));
        assertTrue(problem.getString("detail").startsWith("at most 16 filters"), problem.getString("detail"));
    }

    @Test
    void longParameterNamesAreShortenedInTheProblem() {
        String name = "match." + "x".repeat(200) + "..y";
        JsonObject problem = problem(Map.of(name, List.of("v")));
        assertEquals(name.substring(0, 100) + "...", problem.getString("parameter"));
        assertTrue(problem.getString("detail").length() < 200, problem.getString("detail"));
    }

    private static List<String> values(int count) {
        return IntStream.range(0, count).mapToObj(i -> "v" + i).collect(Collectors.toList());
    }

    private static JsonObject problem(Map<String, List<String>> query) {
        StreamProblem problem = assertThrows(StreamProblem.class, () -> ClientFilters.fromQuery(query));
        assertEquals(400, problem.status());
        return problem.toJson();
    }
}
