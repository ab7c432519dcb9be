package io.kafkasse.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class TopicAllowListTest {

    @Test
    void unsetAllowsEveryTopicButInternalAndFrameworkOnes() {
        TopicAllowList all = TopicAllowList.of(Optional.empty());
        assertTrue(all.allows("orders"));
        assertFalse(all.allows("__consumer_offsets"));
        for (String framework : List.of("_schemas", "connect-configs", "connect-offsets", "connect-status",
                "wordcount-counts-store-changelog", "wordcount-KSTREAM-AGGREGATE-0000000003-repartition")) {
            assertFalse(all.allows(framework), framework);
        }
        assertTrue(all.allows("schemas"), "only the exact _schemas");
        assertTrue(all.allows("changelog-events"), "only a -changelog suffix");
        assertFalse(all.isRestricted());
    }

    @Test
    void deniedTopicsWinOverAllowedOnesAndNoneDeniesOnlyInternalOnes() {
        TopicAllowList list = TopicAllowList.of(Optional.of(List.of("orders*", "connect-configs")), Optional.of(List.of("orders-secret")));
        assertTrue(list.allows("orders"));
        assertFalse(list.allows("orders-secret"), "a denial wins");
        assertTrue(list.allows("connect-configs"), "the operator's own denials replace the default ones");

        TopicAllowList none = TopicAllowList.of(Optional.empty(), Optional.of(List.of("none")));
        assertTrue(none.allows("connect-configs"));
        assertFalse(none.allows("__consumer_offsets"), "internal topics are never served");

        assertFalse(TopicAllowList.of(Optional.of(List.of("*"))).allows("_schemas"), "a glob does not undo the default denials");
        assertThrows(InvalidConfigurationException.class, () -> TopicAllowList.of(Optional.empty(), Optional.of(List.of("a b"))));
    }

    @Test
    void namesAndGlobsAllowExactlyWhatTheyName() {
        TopicAllowList list = TopicAllowList.of(Optional.of(List.of("orders", "mediawiki.*", "*.canary")));
        assertTrue(list.allows("orders"));
        assertFalse(list.allows("orders2"));
        assertTrue(list.allows("mediawiki.recentchange"));
        assertFalse(list.allows("xmediawiki.recentchange"), "a glob is anchored");
        assertTrue(list.allows("eqiad.canary"));
        assertFalse(list.allows("__internal.canary"), "internal topics stay out whatever the globs say");
    }

    @Test
    void aGlobCannotSmuggleARegularExpression() {
        TopicAllowList list = TopicAllowList.of(Optional.of(List.of("a.b")));
        assertFalse(list.allows("axb"), "the dot is a literal dot");
        assertThrows(InvalidConfigurationException.class, () -> TopicAllowList.of(Optional.of(List.of("(.*)"))));
    }
}
