package io.kafkasse.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import jakarta.json.Json;
import jakarta.json.JsonValue;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.kafkasse.ClientInput;
import io.kafkasse.ForAll;
import io.kafkasse.HostileText;

/**
 * key and match.* come from the client: whatever they hold, the answer is a filter or a 400, and a filter answers for
 * any record in bounded time, however its pattern was built to backtrack or to loop.
 */
class ClientFiltersPropertiesTest {

    private static final String INVALID = "invalid-filter";
    private static final List<String> REGEX_PIECES = List.of("a", "b", "!", ".", "\\d", "\\w", "\\s", "\\b", "^", "$", "|", "*", "+",
            "?", "*?", "++", "{2}", "{0,3}", "{3,}", "{999}", "{1000}", "{1001}", "{2147483647}", "{9 9 9}", "{,5}", "(", ")", "(?:",
            "(?=", "(?!", "(?<=", "(?<!", "(?>", "(?<n>", "\\1", "\\k<n>", "[", "]", "[^", "[]", "[^]", "[a-z]", "&&", "-", "\\",
            "\\Q", "\\E", "\\Q\\E", "\\c", "\\x{1F600}", "\\p{L}", "\\N{LATIN SMALL LETTER A}", "(?i)", "(?x)", "(?-x)", "(?s)", " ", "#",
            "\n", "(a+)+", "(a|a)*", "(a|aa)+", "(.*a){20}", "(?:){999}", "(a)", "[a]", "a{3}", "\u0000", "\uD800");
    /** Patterns known to backtrack, or to loop without reading the key, or to have fooled the repetition bound. */
    private static final List<String> HOSTILE_PATTERNS = List.of("(a+)+$", "(a|aa)+$", "(a|a)*b", "(.*a){12}", "^(\\w+\\s?)*$",
            "(x+x+)+y", "(.*)*\\1!", "((((((((((a*)*)*)*)*)*)*)*)*)*)*$", "(a|b|ab)*c", "(?:a?){500}a{500}", "(?:(?:){999}){999}",
            "(?:(?:){2147483647}){2147483647}", "(?x)(?:(?:(?:) {999}) {999}) {999}", "(?x)(?:(?:(?:){9 9 9}){9 9 9}){9 9 9}",
            "[])]?(?:(?:(?:(?:){999}){999}){999}){999}", "[^])]?(?:(?:(?:(?:){999}){999}){999}){999}",
            "\\c)?(?:(?:(?:(?:){999}){999}){999}){999}", "(".repeat(128) + ")".repeat(128));
    private static final List<String> NAME_PIECES = List.of("key", "match.", "match.a", "match.a.b", "match..a", "match.a.", "match",
            "keys", "KEY", ".", "\u0000", "\uD800");

    @Test
    void anyQueryIsAFilterOrRefusedWithA400() {
        ForAll.check(1_500, ClientFiltersPropertiesTest::query, query -> ClientInput.valueOrProblem(INVALID, () -> ClientFilters.fromQuery(query)));
    }

    @Test
    void anyAcceptedKeyPatternAnswersForAnyKeyInBoundedTime() {
        ForAll.check(400, ClientFiltersPropertiesTest::pattern, pattern -> {
            Optional<RecordFilter> filter = ClientInput.valueOrProblem(INVALID, () -> ClientFilters.fromQuery(Map.of("key", List.of(pattern))));
            Random random = new Random(pattern.hashCode());
            for (int i = 0; filter.isPresent() && i < 5; i++) {
                ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("changes", 0, 7L, key(random, pattern), null);
                try {
                    ClientInput.valueWithin(() -> filter.get().accept(record, null));
                } catch (AssertionError e) {
                    throw new AssertionError("on a key of " + (record.key() == null ? "null" : record.key().length + " bytes") + ": " + e.getMessage(), e);
                }
            }
        });
    }

    // The repetition bound must see every group java.util.regex sees: a pattern it misreads could be repeated
    // 1000 times by the client at no count, inside as many more such groups as the length allows.
    @Test
    void anyPatternRepeatedMoreThanTheBoundIsRefused() {
        ForAll.check(3_000, ClientFiltersPropertiesTest::pattern, pattern -> {
            if (compiles(pattern)) {
                String repeated = "(?:" + pattern + "){" + (RepetitionBound.MAX + 1) + "}";
                assertEquals(Optional.empty(), ClientInput.valueOrProblem(INVALID, () -> ClientFilters.fromQuery(Map.of("key", List.of(repeated)))));
            }
        });
    }

    @Test
    void anyAcceptedMatchFilterAnswersForAnyJsonValueInBoundedTime() {
        ForAll.check(1_000, random -> random, random -> {
            String field = HostileText.of(random, List.of("a", "b", ".", "\u0000"), 4);
            List<String> values = List.of(HostileText.oneOf(random, HostileText::number, HostileText::any, r -> "true", r -> "null"));
            Optional<RecordFilter> filter = ClientInput.valueOrProblem(INVALID, () -> ClientFilters.fromQuery(Map.of("match." + field, values)));
            JsonValue value = json(random, 4);
            ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("changes", 0, 7L, null, null);
            if (filter.isPresent()) {
                try {
                    ClientInput.valueWithin(() -> filter.get().accept(record, value));
                } catch (AssertionError e) {
                    throw new AssertionError("on " + ForAll.shown(value) + ": " + e.getMessage(), e);
                }
            }
        });
    }

    private static Map<String, List<String>> query(Random random) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        int parameters = random.nextInt(6);
        for (int p = 0; p < parameters; p++) {
            String name = HostileText.oneOf(random, r -> "key", r -> "match." + HostileText.of(r, List.of("a", "b", ".", ""), 5),
                    r -> HostileText.of(r, NAME_PIECES, 3), HostileText::any);
            List<String> values = new ArrayList<>();
            int count = random.nextInt(8) == 0 ? random.nextInt(40) : random.nextInt(4);
            for (int v = 0; v < count; v++) {
                values.add(HostileText.oneOf(random, ClientFiltersPropertiesTest::pattern, HostileText::any, HostileText::number,
                        r -> HostileText.huge(r, REGEX_PIECES)));
            }
            query.put(name, values);
        }
        return query;
    }

    private static String pattern(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> HOSTILE_PATTERNS.get(random.nextInt(HOSTILE_PATTERNS.size()));
            case 1 -> HostileText.mutate(random, HOSTILE_PATTERNS.get(random.nextInt(HOSTILE_PATTERNS.size())), REGEX_PIECES);
            case 2 -> HostileText.any(random);
            default -> HostileText.of(random, REGEX_PIECES, 20);
        };
    }

    /** A key to match: bytes of any kind (not always UTF-8), a run built to make the pattern backtrack, or the pattern's own characters. */
    private static byte[] key(Random random, String pattern) {
        return switch (random.nextInt(5)) {
            case 0 -> null;
            case 1 -> {
                byte[] bytes = new byte[random.nextInt(300)];
                random.nextBytes(bytes);
                yield bytes;
            }
            case 2 -> ("a".repeat(random.nextInt(2_000)) + "!").getBytes(StandardCharsets.UTF_8);
            case 3 -> HostileText.of(random, pattern.isEmpty() ? List.of("a") : pattern.chars().mapToObj(c -> String.valueOf((char) c)).toList(), 500)
                    .getBytes(StandardCharsets.UTF_8);
            default -> HostileText.of(random, List.of("a", "b", "!", " "), 100).getBytes(StandardCharsets.UTF_8);
        };
    }

    /** A JSON value nested up to {@code depth}: objects keyed by the names match.* fields use, numbers of any size. */
    private static JsonValue json(Random random, int depth) {
        return switch (depth == 0 ? random.nextInt(4) : random.nextInt(6)) {
            case 0 -> Json.createValue(HostileText.any(random));
            case 1 -> Json.createValue(new BigDecimal(random.nextBoolean() ? Long.toString(random.nextLong()) : "1e" + (random.nextInt() / 2)));
            case 2 -> random.nextBoolean() ? JsonValue.TRUE : JsonValue.NULL;
            case 3 -> Json.createValue(random.nextInt());
            case 4 -> Json.createArrayBuilder().add(json(random, depth - 1)).build();
            default -> {
                var object = Json.createObjectBuilder();
                for (String name : List.of("a", "b", "")) {
                    if (random.nextBoolean()) {
                        object.add(name, json(random, depth - 1));
                    }
                }
                yield object.build();
            }
        };
    }

    private static boolean compiles(String pattern) {
        try {
            Pattern.compile(pattern);
            return true;
        } catch (PatternSyntaxException e) {
            return false;
        }
    }
}
