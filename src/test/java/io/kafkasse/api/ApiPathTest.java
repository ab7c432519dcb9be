package io.kafkasse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ApiPathTest {

    @Test
    void everyEncodingOfAStreamPathIsAStream() {
        for (String path : List.of("/ctx/v2/stream/t", "/ctx/v2/stream;x=1/t", "/ctx/v2/%73tream/t", "/ctx/v2//stream/t",
                "/ctx/v2/./stream/t", "/ctx/v2/nothing/../stream/t", "/ctx/v2;a=b/stream/t;jsessionid=1", "/ctx/v2/stream/%74/")) {
            assertTrue(ApiPath.isStream(path, "/ctx"), path);
        }
    }

    @Test
    void otherPathsAreNotStreams() {
        for (String path : List.of("/ctx/v2/streams", "/ctx/v2/stream", "/ctx/v2/stream/", "/ctx/v2/stream/a/b",
                "/ctx/v2/stats", "/ctx/stream/t", "/ctx/v2/stream/../streams", "/ctx/v2/stream/%zz", "/ctx/v2/stream/%C3")) {
            assertFalse(ApiPath.isStream(path, "/ctx"), path);
        }
    }

    @Test
    void segmentsAreDecodedAsUtf8WithPlusKept() {
        assertEquals(Optional.of(List.of("v2", "stream", "caf\u00e9+x y")), ApiPath.segments("/v2/stream/caf%C3%A9+x%20y", ""));
        assertEquals(Optional.empty(), ApiPath.segments("/v2/stream/%FF", ""), "not UTF-8");
        assertEquals(Optional.empty(), ApiPath.segments("/v2/stream/%4", ""), "cut short");
    }

    @Test
    void aPathOfThousandsOfSegmentsIsLookedAtOnlyAsFarAsItMatters() {
        String path = "/v2/stream/t" + "/x".repeat(100_000);
        assertFalse(ApiPath.isStream(path, ""));
    }
}
