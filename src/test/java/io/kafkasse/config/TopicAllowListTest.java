package io.kafkasse.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class TopicAllowListTest {

    @Test
    void unsetAllowsEveryTopicButInternalOnes() {
        TopicAllowList all = TopicAllowList.of(Optional.empty());
        assertTrue(all.allows("orders"));
        assertFalse(all.allows("__consumer_offsets"));
        assertFalse(all.isRestricted());
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
