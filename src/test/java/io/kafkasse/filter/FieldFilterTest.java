package io.kafkasse.filter;

import static io.kafkasse.filter.Records.filter;
import static io.kafkasse.filter.Records.json;
import static io.kafkasse.filter.Records.withKey;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;

import org.junit.jupiter.api.Test;

class FieldFilterTest {

    private static boolean accepts(RecordFilter filter, String value) {
        return filter.accept(withKey("k"), json(value));
    }

    @Test
    void aStringMustEqualTheTextExactly() {
        RecordFilter filter = filter("match.type", "edit");
        assertTrue(accepts(filter, "{\"type\":\"edit\"}"));
        assertFalse(accepts(filter, "{\"type\":\"Edit\"}"));
        assertFalse(accepts(filter, "{\"type\":\"edit \"}"));
        assertFalse(accepts(filter, "{\"type\":\"log\"}"));
    }

    @Test
    void aNumberComparesNumerically() {
        RecordFilter filter = filter("match.namespace", "0");
        assertTrue(accepts(filter, "{\"namespace\":0}"));
        assertTrue(accepts(filter, "{\"namespace\":0.0}"));
        assertTrue(accepts(filter, "{\"namespace\":-0e3}"));
        assertFalse(accepts(filter, "{\"namespace\":1}"));
        assertTrue(accepts(filter("match.price", "12.50"), "{\"price\":12.5}"));
        assertTrue(accepts(filter("match.size", "1e3"), "{\"size\":1000}"));
    }

    @Test
    void aNumberNeverEqualsTextThatIsNotANumber() {
        assertFalse(accepts(filter("match.namespace", "zero"), "{\"namespace\":0}"));
        assertFalse(accepts(filter("match.namespace", ""), "{\"namespace\":0}"));
    }

    @Test
    void numericTextStillMatchesAStringWrittenTheSameWay() {
        RecordFilter filter = filter("match.id", "0");
        assertTrue(accepts(filter, "{\"id\":\"0\"}"));
        assertFalse(accepts(filter, "{\"id\":\"0.0\"}"));
    }

    @Test
    void booleansAndNullMatchTheirLiterals() {
        assertTrue(accepts(filter("match.bot", "true"), "{\"bot\":true}"));
        assertFalse(accepts(filter("match.bot", "true"), "{\"bot\":false}"));
        assertTrue(accepts(filter("match.bot", "false"), "{\"bot\":false}"));
        assertFalse(accepts(filter("match.bot", "TRUE"), "{\"bot\":true}"));
        assertTrue(accepts(filter("match.parent", "null"), "{\"parent\":null}"));
        assertFalse(accepts(filter("match.parent", "null"), "{\"parent\":0}"));
    }

    @Test
    void aMissingFieldIsNotNull() {
        assertFalse(accepts(filter("match.parent", "null"), "{}"));
    }

    @Test
    void objectsAndArraysNeverMatch() {
        assertFalse(accepts(filter("match.tags", "[]"), "{\"tags\":[]}"));
        assertFalse(accepts(filter("match.meta", "{}"), "{\"meta\":{}}"));
    }

    @Test
    void aDottedPathLooksIntoNestedObjects() {
        RecordFilter filter = filter("match.meta.domain", "en.wikipedia.org");
        assertTrue(accepts(filter, "{\"meta\":{\"domain\":\"en.wikipedia.org\"}}"));
        assertFalse(accepts(filter, "{\"meta\":{\"domain\":\"de.wikipedia.org\"}}"));
        assertFalse(accepts(filter, "{\"meta\":\"en.wikipedia.org\"}"));
        assertFalse(accepts(filter, "{\"meta\":[{\"domain\":\"en.wikipedia.org\"}]}"));
        assertFalse(accepts(filter, "{\"meta.domain\":\"en.wikipedia.org\"}"));
    }

    @Test
    void repeatedValuesForOneFieldMeanAnyOf() {
        RecordFilter filter = filter("match.wiki", "enwiki", "dewiki");
        assertTrue(accepts(filter, "{\"wiki\":\"enwiki\"}"));
        assertTrue(accepts(filter, "{\"wiki\":\"dewiki\"}"));
        assertFalse(accepts(filter, "{\"wiki\":\"frwiki\"}"));
    }

    @Test
    void aCommaIsPartOfTheValue() {
        RecordFilter filter = filter("match.wiki", "enwiki,dewiki");
        assertTrue(accepts(filter, "{\"wiki\":\"enwiki,dewiki\"}"));
        assertFalse(accepts(filter, "{\"wiki\":\"enwiki\"}"));
    }

    @Test
    void aValueThatIsNotAnObjectNeverMatches() {
        RecordFilter filter = filter("match.type", "edit");
        assertFalse(accepts(filter, "\"edit\""));
        assertFalse(accepts(filter, "[{\"type\":\"edit\"}]"));
        assertFalse(accepts(filter, "null"));
        assertFalse(filter.accept(withKey("k"), null));
    }

    @Test
    void worksOnValuesBuiltInMemory() {
        RecordFilter filter = filter("match.meta.count", "3");
        assertTrue(filter.accept(withKey("k"), Json.createObjectBuilder()
                .add("meta", Json.createObjectBuilder().add("count", 3L)).build()));
        assertTrue(filter.accept(withKey("k"), Json.createObjectBuilder()
                .add("meta", Json.createObjectBuilder().add("count", 3.0)).build()));
    }
}
