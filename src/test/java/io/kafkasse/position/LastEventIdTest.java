package io.kafkasse.position;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import jakarta.json.JsonObject;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LastEventIdTest {

    // ---- the full form

    @Test
    void readsBackTheIdACursorWrites() {
        Cursor cursor = new Cursor(Map.of(
                new TopicPartition("orders", 0), 43L,
                new TopicPartition("orders", 1), 17L,
                new TopicPartition("changes", 0), 0L));

        assertEquals(List.of(
                new RequestedPosition("changes", 0, 0L, null),
                new RequestedPosition("orders", 0, 43L, null),
                new RequestedPosition("orders", 1, 17L, null)), LastEventId.parse(cursor.id()));
    }

    @Test
    void readsATimestampInsteadOfAnOffset() {
        List<RequestedPosition> positions = LastEventId.parse(json("[{'topic':'orders','partition':2,'timestamp':1763806530000}]"));

        assertEquals(List.of(new RequestedPosition("orders", 2, null, 1_763_806_530_000L)), positions);
        assertFalse(positions.get(0).hasOffset());
    }

    @Test
    void readsHowManyRecordsOfTheMillisecondTheClientHas() {
        assertEquals(List.of(new RequestedPosition("orders", 2, null, 1_000L, 3)),
                LastEventId.parse(json("[{'topic':'orders','partition':2,'timestamp':1000,'seen':3}]")));
        assertEquals(List.of(new RequestedPosition("orders", 2, null, 1_000L, 0)),
                LastEventId.parse(json("[{'seen':null,'topic':'orders','partition':2,'timestamp':1000}]")));
    }

    @Test
    void readsCompactTimestampsWithOrWithoutSeen() {
        assertEquals(List.of(new RequestedPosition("orders", 0, null, 1_000L, 0), new RequestedPosition("orders", 2, null, 2_000L, 5),
                        new RequestedPosition("prices", 0, 7L, null)),
                LastEventId.parse(json("{'orders':[[1000],null,[2000,5]],'prices':[7]}")));
    }

    @Test
    void keepsBothOffsetAndTimestampAndTheOffsetWins() {
        RequestedPosition position = LastEventId.parse(json("[{'topic':'orders','partition':0,'offset':5,'timestamp':9}]")).get(0);

        assertEquals(new RequestedPosition("orders", 0, 5L, 9L), position);
        assertTrue(position.hasOffset());
    }

    @Test
    void aNullOffsetCountsAsNotGiven() {
        assertEquals(List.of(new RequestedPosition("orders", 0, null, 9L)),
                LastEventId.parse(json("[{'topic':'orders','partition':0,'offset':null,'timestamp':9}]")));
    }

    @Test
    void ignoresUnknownFieldsWhateverTheyHold() {
        assertEquals(List.of(new RequestedPosition("orders", 0, 1L, null)), LastEventId.parse(json(
                "[{'note':{'offset':-1,'topic':[1,{}]},'topic':'orders','x':[[]],'partition':0,'y':null,'offset':1,'note':'again'}]")));
    }

    // Issue 20: read with JsonParser.getValue(), these threw NumberFormatException ("Exponent overflow") and Parsson's
    // UnsupportedOperationException (over 1100 digits), both 500s.
    @Test
    void anIgnoredFieldMayHoldANumberOfAnySize() {
        for (String number : List.of("1e9999999999", "-1e-9999999999", "9".repeat(5_000), "0." + "1".repeat(5_000), "[1e9999999999]")) {
            assertEquals(List.of(new RequestedPosition("orders", 0, 1L, null)),
                    LastEventId.parse(json("[{'topic':'orders','note':" + number + ",'partition':0,'offset':1}]")), number);
        }
    }

    // Issue 20: Parsson refused the 1001st level with a bare RuntimeException, a 500.
    @Test
    void anIgnoredFieldNestedMoreThan32LevelsIsRefused() {
        String nested = "{'a':".repeat(33) + "1" + "}".repeat(33);
        String tooDeep = json("[{'topic':'orders','note':" + nested + ",'partition':0,'offset':1}]");
        String deepest = json("[{'topic':'orders','note':" + "[".repeat(32) + "]".repeat(32) + ",'partition':0,'offset':1}]");

        refused(tooDeep, "Entry 0: 'note' nests more than 32 levels deep");
        refused(json("[{'topic':'orders','note':" + "{'a':".repeat(10_000)), "nests more than 32 levels deep");
        assertEquals(List.of(new RequestedPosition("orders", 0, 1L, null)), LastEventId.parse(deepest));
    }

    @Test
    void acceptsFieldsInAnyOrderAndWhitespaceAroundTokens() {
        assertEquals(List.of(new RequestedPosition("a.b_c-D9", 7, 8L, null)),
                LastEventId.parse(json(" \n[ { 'offset' : 8 ,\t'partition':7, 'topic':'a.b_c-D9' } ]\r\n ")));
    }

    @Test
    void keepsTheOrderOfTheEntries() {
        assertEquals(List.of(new RequestedPosition("b", 1, 1L, null), new RequestedPosition("a", 0, 2L, null), new RequestedPosition("b", 0, 3L, null)),
                LastEventId.parse(json("[{'topic':'b','partition':1,'offset':1},{'topic':'a','partition':0,'offset':2},{'topic':'b','partition':0,'offset':3}]")));
    }

    @Test
    void acceptsTheLargestPartitionOffsetAndTimestamp() {
        assertEquals(List.of(new RequestedPosition("a", Integer.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE)), LastEventId.parse(json(
                "[{'topic':'a','partition':" + Integer.MAX_VALUE + ",'offset':" + Long.MAX_VALUE + ",'timestamp':" + Long.MAX_VALUE + "}]")));
    }

    @Test
    void acceptsATopicNameOfTheLongestLegalLength() {
        String topic = "t".repeat(249);
        assertEquals(topic, LastEventId.parse(json("[{'topic':'" + topic + "','partition':0,'offset':0}]")).get(0).topic());
    }

    @Test
    void acceptsTextOfExactlyTheLongestLength() {
        String entry = json("[{'topic':'a','partition':0,'offset':0}");
        String text = entry + " ".repeat(LastEventId.MAX_LENGTH - entry.length() - 1) + "]";

        assertEquals(LastEventId.MAX_LENGTH, text.length());
        assertEquals(1, LastEventId.parse(text).size());
    }

    // ---- the compact form

    @Test
    void readsTheCompactFormAsOffsetsIndexedByPartition() {
        assertEquals(List.of(
                new RequestedPosition("orders", 0, 43L, null),
                new RequestedPosition("orders", 1, 17L, null),
                new RequestedPosition("orders", 2, 0L, null)), LastEventId.parse(json("{'orders':[43,17,0]}")));
    }

    @Test
    void aNullInTheCompactFormGivesNoPositionForThatPartition() {
        assertEquals(List.of(
                new RequestedPosition("orders", 1, 17L, null),
                new RequestedPosition("changes", 0, 4L, null),
                new RequestedPosition("changes", 3, 5L, null)), LastEventId.parse(json("{'orders':[null,17,null],'changes':[4,null,null,5]}")));
    }

    @Test
    void theCompactFormMayHaveATopicWithNoOffsetsBesideOneWithSome() {
        assertEquals(List.of(new RequestedPosition("b", 0, 1L, null)), LastEventId.parse(json("{'a':[],'b':[1]}")));
    }

    @Test
    void writesTopicsInNameOrderWithNullForPartitionsNotGiven() {
        String compact = LastEventId.compact(Map.of(
                new TopicPartition("orders", 2), 0L,
                new TopicPartition("orders", 0), 43L,
                new TopicPartition("changes", 3), 5L));

        assertEquals(json("{'changes':[null,null,null,5],'orders':[43,null,0]}"), compact);
    }

    @Test
    void theCompactFormReadsBackToTheSamePositions() {
        Map<TopicPartition, Long> positions = Map.of(
                new TopicPartition("orders", 0), 43L,
                new TopicPartition("orders", 1), 17L,
                new TopicPartition("orders", 4), Long.MAX_VALUE,
                new TopicPartition("changes", 0), 0L);

        Map<TopicPartition, Long> read = LastEventId.parse(LastEventId.compact(positions)).stream()
                .collect(Collectors.toMap(RequestedPosition::topicPartition, RequestedPosition::offset));

        assertEquals(positions, read);
    }

    @Test
    void theCompactFormOfOneBigTopicIsUnderAThirdOfTheFullForm() {
        Map<TopicPartition, Long> positions = IntStream.range(0, 64).boxed().collect(Collectors.toMap(
                partition -> new TopicPartition("eqiad.mediawiki.recentchange", partition),
                partition -> 1_234_567_890L + partition * 7_919L));
        Cursor cursor = new Cursor(positions);

        int full = cursor.id().getBytes(StandardCharsets.UTF_8).length;
        String compact = LastEventId.compact(cursor.positions());
        int compactSize = compact.getBytes(StandardCharsets.UTF_8).length;
        System.out.println("Last-Event-ID of eqiad.mediawiki.recentchange, 64 partitions: full form " + full
                + " bytes, compact form " + compactSize + " bytes");

        assertTrue(compactSize * 3 < full, () -> "compact " + compactSize + " bytes, full " + full + " bytes");
        assertEquals(LastEventId.parse(cursor.id()), LastEventId.parse(compact));
    }

    @Test
    void acceptsTheCompactFormWithTheMostEntries() {
        String text = "{\"a\":[" + String.join(",", "0".repeat(LastEventId.MAX_ENTRIES).split("")) + "]}";
        assertEquals(LastEventId.MAX_ENTRIES, LastEventId.parse(text).size());
    }

    @Test
    void writingTheCompactFormRefusesWhatCouldNotBeReadBack() {
        for (Map<TopicPartition, Long> positions : List.<Map<TopicPartition, Long>>of(
                Map.of(),
                Map.of(new TopicPartition("orders", 0), -1L),
                Map.of(new TopicPartition("orders", -1), 0L),
                Map.of(new TopicPartition("bad\"name", 0), 0L),
                Map.of(new TopicPartition("orders", LastEventId.MAX_ENTRIES), 0L),
                IntStream.range(0, LastEventId.MAX_ENTRIES).boxed().collect(Collectors.toMap(
                        partition -> new TopicPartition("orders", partition), partition -> Long.MAX_VALUE)))) {
            assertThrows(IllegalArgumentException.class, () -> LastEventId.compact(positions));
        }
        Map<TopicPartition, Long> missing = new HashMap<>();
        missing.put(new TopicPartition("orders", 0), null);
        assertThrows(IllegalArgumentException.class, () -> LastEventId.compact(missing));
    }

    // ---- refusals

    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments("", "is empty"),
                arguments(" \t", "is empty"),
                arguments("orders:0:43", "is not valid JSON"),
                arguments("[{'topic':'orders','partition':0,'offset':43}", "is not valid JSON"),
                arguments("[{'topic':'orders','partition':0,'offset':43},]", "is not valid JSON"),
                arguments("[{'topic':'orders','partition':0,'offset':43}] x", "is not valid JSON"),
                arguments("[{'topic':'orders','partition':0,'offset':43}][]", "is not valid JSON"),
                arguments("{'orders':[1]}{'orders':[2]}", "is not valid JSON"),
                arguments("[{'topic':'orders','partition':01,'offset':43}]", "is not valid JSON"),
                arguments("43", "must be a JSON array of positions or a JSON object of offsets by topic, found 43"),
                arguments("'orders'", "must be a JSON array of positions or a JSON object of offsets by topic, found the string 'orders'"),
                arguments("null", "found null"),
                arguments("[]", "is an empty array"));
    }

    static Stream<Arguments> badEntries() {
        return Stream.of(
                arguments("{'a':[[]]}", "Topic 'a' partition 0: timestamp must be a non-negative integer"),
                arguments("{'a':[[1,2,3]]}", "Topic 'a' partition 0 must be [timestamp] or [timestamp,seen]"),
                arguments("{'a':[[1,-2]]}", "Topic 'a' partition 0: seen must be a non-negative integer"),
                arguments("{'a':[[1,[2]]]}", "Topic 'a' partition 0: seen must be a non-negative integer"),
                arguments("[{'topic':'a','partition':0,'timestamp':1,'seen':-1}]", "Entry 0: 'seen' must be a non-negative integer"),
                arguments("[{'topic':'a','partition':0,'timestamp':1,'seen':1.5}]", "Entry 0: 'seen' must be a non-negative integer"),
                arguments("[{'topic':'a','partition':0,'timestamp':1,'seen':2147483648}]", "Entry 0: 'seen' is 2147483648, more than the largest accepted"),
                arguments("[43]", "Entry 0 must be an object with topic, partition and offset or timestamp, found 43"),
                arguments("[{'topic':'a','partition':0,'offset':1},[]]", "Entry 1 must be an object with topic, partition and offset or timestamp, found an array"),
                arguments("[{'topic':'a','partition':0,'offset':1},'x']", "Entry 1 must be an object with topic, partition and offset or timestamp, found the string 'x'"),
                arguments("[{'topic':'a','partition':0,'offset':1},{'topic':'a','partition':1,'offset':2},{'topic':'a','partition':0,'offset':3}]",
                        "Entry 2: a-0 was already given by entry 0"),
                arguments("[{'topic':'a','partition':0,'offset':1},{'topic':'a','partition':0,'timestamp':3}]", "Entry 1: a-0 was already given by entry 0"),
                arguments("[{'topic':'a','topic':'b','partition':0,'offset':1}]", "Entry 0: 'topic' appears more than once"),
                arguments("[{'topic':'a','partition':0,'offset':1,'offset':2}]", "Entry 0: 'offset' appears more than once"),
                arguments("[{'topic':'a','partition':0,'offset':null,'offset':2}]", "Entry 0: 'offset' appears more than once"));
    }

    static Stream<Arguments> badTopics() {
        return Stream.of(
                arguments("[{'partition':0,'offset':1}]", "Entry 0: 'topic' is missing"),
                arguments("[{'topic':null,'partition':0,'offset':1}]", "Entry 0: 'topic' must be a string, found null"),
                arguments("[{'topic':7,'partition':0,'offset':1}]", "Entry 0: 'topic' must be a string, found 7"),
                arguments("[{'topic':['a'],'partition':0,'offset':1}]", "Entry 0: 'topic' must be a string, found an array"),
                arguments("[{'topic':'','partition':0,'offset':1}]", "Entry 0: 'topic' '' is not a legal Kafka topic name"),
                arguments("[{'topic':'a','partition':0,'offset':1},{'topic':'or ders','partition':0,'offset':1}]",
                        "Entry 1: 'topic' 'or ders' is not a legal Kafka topic name: 1 to 249 of a-z A-Z 0-9 . _ -, not '.' or '..'"),
                arguments("[{'topic':'a/b','partition':0,'offset':1}]", "Entry 0: 'topic' 'a/b' is not a legal Kafka topic name"),
                arguments("[{'topic':'caf\u00e9','partition':0,'offset':1}]", "Entry 0: 'topic' 'caf\u00e9' is not a legal Kafka topic name"),
                arguments("[{'topic':'.','partition':0,'offset':1}]", "Entry 0: 'topic' '.' is not a legal Kafka topic name"),
                arguments("[{'topic':'..','partition':0,'offset':1}]", "Entry 0: 'topic' '..' is not a legal Kafka topic name"),
                arguments("[{'topic':'" + "t".repeat(250) + "','partition':0,'offset':1}]", "Entry 0: 'topic' '" + "t".repeat(57) + "...' is not a legal Kafka topic name"));
    }

    static Stream<Arguments> badPartitions() {
        return Stream.of(
                arguments("[{'topic':'a','offset':1}]", "Entry 0: 'partition' is missing"),
                arguments("[{'topic':'a','partition':'1','offset':1}]", "Entry 0: 'partition' must be a non-negative integer, found the string '1'"),
                arguments("[{'topic':'a','partition':1.5,'offset':1}]", "Entry 0: 'partition' must be a non-negative integer, found 1.5"),
                arguments("[{'topic':'a','partition':1.0,'offset':1}]", "Entry 0: 'partition' must be a non-negative integer, found 1.0"),
                arguments("[{'topic':'a','partition':1e2,'offset':1}]", "Entry 0: 'partition' must be a non-negative integer, found 1e2"),
                arguments("[{'topic':'a','partition':1.5e1,'offset':1}]", "Entry 0: 'partition' must be a non-negative integer, found 1.5e1"),
                arguments("[{'topic':'a','partition':-1,'offset':1}]", "Entry 0: 'partition' must be a non-negative integer, found -1"),
                arguments("[{'topic':'a','partition':true,'offset':1}]", "Entry 0: 'partition' must be a non-negative integer, found true"),
                arguments("[{'topic':'a','partition':null,'offset':1}]", "Entry 0: 'partition' must be a non-negative integer, found null"),
                arguments("[{'topic':'a','partition':{},'offset':1}]", "Entry 0: 'partition' must be a non-negative integer, found an object"),
                arguments("[{'topic':'a','partition':2147483648,'offset':1}]", "Entry 0: 'partition' is 2147483648, more than the largest accepted, 2147483647"));
    }

    static Stream<Arguments> badOffsetsAndTimestamps() {
        return Stream.of(
                arguments("[{'topic':'a','partition':0}]", "Entry 0: 'offset' and 'timestamp' are both missing; one of them is required"),
                arguments("[{'topic':'a','partition':0,'offset':null,'timestamp':null}]", "Entry 0: 'offset' and 'timestamp' are both missing"),
                arguments("[{'topic':'a','partition':0,'offset':-1}]", "Entry 0: 'offset' must be a non-negative integer, found -1"),
                arguments("[{'topic':'a','partition':0,'offset':4.2}]", "Entry 0: 'offset' must be a non-negative integer, found 4.2"),
                arguments("[{'topic':'a','partition':0,'offset':'43'}]", "Entry 0: 'offset' must be a non-negative integer, found the string '43'"),
                arguments("[{'topic':'a','partition':0,'offset':4E1}]", "Entry 0: 'offset' must be a non-negative integer, found 4E1"),
                arguments("[{'topic':'a','partition':0,'offset':false}]", "Entry 0: 'offset' must be a non-negative integer, found false"),
                arguments("[{'topic':'a','partition':0,'offset':9223372036854775808}]",
                        "Entry 0: 'offset' is 9223372036854775808, more than the largest accepted, 9223372036854775807"),
                arguments("[{'topic':'a','partition':0,'offset':1" + "0".repeat(100) + "}]", "Entry 0: 'offset' is 1000000000"),
                arguments("[{'topic':'a','partition':0,'timestamp':-1763806530000}]", "Entry 0: 'timestamp' must be a non-negative integer, found -1763806530000"),
                arguments("[{'topic':'a','partition':0,'timestamp':'2026-11-22T10:15:30Z'}]",
                        "Entry 0: 'timestamp' must be a non-negative integer, found the string '2026-11-22T10:15:30Z'"),
                arguments("[{'topic':'a','partition':0,'timestamp':1.5}]", "Entry 0: 'timestamp' must be a non-negative integer, found 1.5"),
                arguments("[{'topic':'a','partition':0,'timestamp':99999999999999999999}]", "Entry 0: 'timestamp' is 99999999999999999999, more than the largest accepted"),
                arguments("[{'topic':'a','partition':0,'offset':1,'timestamp':-1}]", "Entry 0: 'timestamp' must be a non-negative integer, found -1"));
    }

    static Stream<Arguments> badCompactForms() {
        return Stream.of(
                arguments("{}", "gives no offset"),
                arguments("{'orders':[]}", "gives no offset"),
                arguments("{'orders':[null,null]}", "gives no offset"),
                arguments("{'or ders':[1]}", "Topic 'or ders' is not a legal Kafka topic name"),
                arguments("{'':[1]}", "Topic '' is not a legal Kafka topic name"),
                arguments("{'orders':[1],'orders':[2]}", "Topic 'orders' appears more than once"),
                arguments("{'orders':43}", "Topic 'orders' must map to an array of offsets indexed by partition, found 43"),
                arguments("{'orders':{'0':43}}", "Topic 'orders' must map to an array of offsets indexed by partition, found an object"),
                arguments("{'topic':'orders','partition':0,'offset':1}", "Topic 'topic' must map to an array of offsets indexed by partition, found the string 'orders'"),
                arguments("{'orders':[43,-1]}", "Topic 'orders' partition 1: offset must be a non-negative integer, found -1"),
                arguments("{'orders':[43,17,1.5]}", "Topic 'orders' partition 2: offset must be a non-negative integer, found 1.5"),
                arguments("{'orders':['43']}", "Topic 'orders' partition 0: offset must be a non-negative integer, found the string '43'"),
                arguments("{'orders':[{'offset':43}]}", "Topic 'orders' partition 0: offset must be a non-negative integer, found an object"),
                arguments("{'orders':[1],'changes':[null,9223372036854775808]}",
                        "Topic 'changes' partition 1: offset is 9223372036854775808, more than the largest accepted"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource({"malformed", "badEntries", "badTopics", "badPartitions", "badOffsetsAndTimestamps", "badCompactForms"})
    void refusesWithAReasonNamingTheEntryAndField(String text, String reason) {
        String id = json(text);
        JsonObject problem = refused(id, reason);
        assertEquals(id.length() <= 200 ? id : id.substring(0, 197) + "...", problem.getString("lastEventId"));
        assertEquals("Invalid Last-Event-ID", problem.getString("title"));
    }

    @Test
    void refusesTextLongerThanTheLimitBeforeReadingIt() {
        String entry = json("[{'topic':'a','partition':0,'offset':0}");
        String text = entry + " ".repeat(LastEventId.MAX_LENGTH - entry.length()) + "]";

        refused(text, "Last-Event-ID has 65537 characters; at most 65536 are accepted");
    }

    @Test
    void refusesMoreEntriesThanTheLimit() {
        String text = "{\"a\":[" + String.join(",", "0".repeat(LastEventId.MAX_ENTRIES + 1).split("")) + "]}";
        refused(text, "Last-Event-ID has more than 10000 entries");
    }

    @Test
    void countsNullsTowardsTheEntryLimit() {
        String text = "{\"a\":[1," + String.join(",", "n".repeat(LastEventId.MAX_ENTRIES).split("")).replace("n", "null") + "]}";
        refused(text, "Last-Event-ID has more than 10000 entries");
    }

    @Test
    void repeatsAtMost200CharactersOfTheText() {
        String text = json("[{'topic':'a','partition':0,'offset':-1,'padding':'" + "x".repeat(300) + "'}]");

        String echoed = refused(text, "Entry 0: 'offset' must be a non-negative integer").getString("lastEventId");

        assertEquals(200, echoed.length());
        assertEquals(text.substring(0, 197) + "...", echoed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders", "a", "A.b_c-9", "..."})
    void acceptsEveryLegalTopicName(String topic) {
        assertEquals(topic, LastEventId.parse(json("[{'topic':'" + topic + "','partition':0,'offset':0}]")).get(0).topic());
        assertEquals(topic, LastEventId.parse(json("{'" + topic + "':[0]}")).get(0).topic());
    }

    /** JSON written with single quotes, which read better in Java strings. */
    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private static JsonObject refused(String text, String reason) {
        return Problems.assertBadRequest("invalid-last-event-id", reason, () -> LastEventId.parse(text));
    }
}
