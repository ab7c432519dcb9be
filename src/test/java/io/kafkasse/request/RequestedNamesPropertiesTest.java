package io.kafkasse.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.kafkasse.ClientInput;
import io.kafkasse.ForAll;
import io.kafkasse.HostileText;

/** The stream list in the path comes from the client: whatever it holds, the answer is Kafka-legal names or a 400. */
class RequestedNamesPropertiesTest {

    private static final String INVALID = "invalid-stream-name";
    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";
    private static final List<String> PIECES = List.of(",", ", ", " ", "\t", "orders", "changes", "a.b_c-D9", ".", "..", "...", "-",
            "_", "/", "%2C", "\u00e9", "\u0000", "\uD800", "x".repeat(249), "x".repeat(250));

    @Test
    void anyPathIsAListOfNamesOrRefusedWithA400() {
        ForAll.check(2_000, random -> HostileText.oneOf(random,
                HostileText::any,
                r -> HostileText.of(r, PIECES, 30),
                r -> HostileText.huge(r, PIECES),
                r -> String.join(",", names(r, 1 + r.nextInt(5_000)))),
                path -> ClientInput.valueOrProblem(INVALID, () -> RequestedNames.parse(path)));
    }

    @Test
    void whatItAcceptsIsUpTo64DistinctNamesKafkaAccepts() {
        ForAll.check(2_000, random -> HostileText.oneOf(random,
                r -> HostileText.of(r, PIECES, 30),
                r -> HostileText.mutate(r, String.join(",", names(r, 1 + r.nextInt(70))), PIECES)),
                path -> ClientInput.valueOrProblem(INVALID, () -> RequestedNames.parse(path)).ifPresent(names -> {
                    assertTrue(!names.isEmpty() && names.size() <= RequestedNames.MAX_TOPICS, () -> names.size() + " names");
                    assertEquals(names.size(), new HashSet<>(names).size(), () -> "repeated: " + names);
                    names.forEach(name -> assertTrue(LEGAL.matcher(name).matches() && !".".equals(name) && !"..".equals(name), name));
                }));
    }

    @Test
    void aListOfLegalNamesReadsBackOnceEachInItsOrder() {
        ForAll.check(1_000, random -> {
            List<String> names = names(random, 1 + random.nextInt(100));
            StringBuilder path = new StringBuilder();
            for (String name : names) {
                path.append(path.length() > 0 ? "," : "").append(random.nextBoolean() ? "" : " ").append(name).append(random.nextBoolean() ? "" : "\t");
            }
            return new NamesInPath(names, path.toString());
        }, given -> {
            Set<String> distinct = new LinkedHashSet<>(given.names());
            Optional<List<String>> read = ClientInput.valueOrProblem(INVALID, () -> RequestedNames.parse(given.path()));

            assertEquals(distinct.size() <= RequestedNames.MAX_TOPICS ? Optional.of(List.copyOf(distinct)) : Optional.empty(), read);
        });
    }

    private record NamesInPath(List<String> names, String path) {
        @Override
        public String toString() {
            return path;
        }
    }

    /** Legal names, some repeated: short ones, and now and then up to the longest Kafka takes. */
    private static List<String> names(Random random, int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (i > 0 && random.nextInt(10) == 0) {
                names.add(names.get(random.nextInt(i)));
                continue;
            }
            int length = random.nextInt(20) == 0 ? 1 + random.nextInt(RequestedNames.MAX_TOPIC_LENGTH) : 1 + random.nextInt(10);
            StringBuilder name = new StringBuilder(length);
            for (int c = 0; c < length; c++) {
                name.append(NAME_CHARS.charAt(random.nextInt(NAME_CHARS.length())));
            }
            names.add(".".contentEquals(name) || "..".contentEquals(name) ? name + "x" : name.toString());
        }
        return names;
    }
}
