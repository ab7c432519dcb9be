package io.kafkasse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class NamedStreamsTest {

    private static final TopicAllowList MEDIAWIKI = TopicAllowList.of(Optional.of(List.of("mediawiki.*")));

    @Test
    void aStreamStandsForItsTopicsInOrderOnceEach() {
        NamedStreams streams = NamedStreams.of(Map.of("recentchange", " mediawiki.eqiad , mediawiki.codfw,mediawiki.eqiad"), MEDIAWIKI);
        assertEquals(List.of("mediawiki.eqiad", "mediawiki.codfw"), streams.topicsOf("recentchange"));
        assertNull(streams.topicsOf("other"));
    }

    @Test
    void aStreamMayNotNameATopicTheAllowListRefuses() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> NamedStreams.of(Map.of("leak", "mediawiki.eqiad,secrets"), MEDIAWIKI));
        assertTrue(e.getMessage().contains("sse.streams.leak.topics") && e.getMessage().contains("secrets"), e.getMessage());
    }

    @Test
    void emptyAndMalformedDefinitionsFailTheDeployment() {
        assertThrows(InvalidConfigurationException.class, () -> NamedStreams.of(Map.of("empty", " , "), MEDIAWIKI));
        assertThrows(InvalidConfigurationException.class, () -> NamedStreams.of(Map.of("bad name", "mediawiki.a"), MEDIAWIKI));
        assertThrows(InvalidConfigurationException.class, () -> NamedStreams.of(Map.of("internal", "__consumer_offsets"),
                TopicAllowList.of(Optional.empty())));
    }
}
