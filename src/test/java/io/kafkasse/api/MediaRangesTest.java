package io.kafkasse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MediaRangesTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "*/*", "text/event-stream", "text/event-stream;q=1", "application/x-ndjson; q=0.5, */*;q=0",
            "text/html;q=0.123,text/event-stream;Q=1.000", "text/plain; charset=\"a,b;q=zz\"; q=0.9", "text/*;q=0.",
            "a/b;x=\"\\\";q=2\"", "text/event-stream;level=1", "garbage", ";;,,"})
    void wellFormedWeightsPass(String accept) {
        assertNull(MediaRanges.invalidRange(accept));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/event-stream;q=abc", "*/*;q=2", "*/*;q=1.5", "*/*; q = NaN", "*/*;q=0.1234", "*/*;q=-0",
            "*/*;q=", "SH'%yD5R9/OCm$;Q", "a/b; q ;x=1", "*/*;q=1e-1", "*/*;q=\"0.5\"", "*/*;q=0x1p-1"})
    void malformedWeightsAreFound(String accept) {
        assertEquals(accept, MediaRanges.invalidRange(accept));
    }

    @Test
    void theOffendingRangeIsNamedAmongOthers() {
        assertEquals("text/html;q=sh'%yd5r9/ocm$", MediaRanges.invalidRange("text/event-stream, text/html;q=sh'%yd5r9/ocm$ , */*"));
        assertEquals("b/c;q=7", MediaRanges.invalidRange(Collections.enumeration(List.of("a/b;q=0.5", "b/c;q=7"))));
        assertNull(MediaRanges.invalidRange(Collections.enumeration(List.of("a/b;q=0.5", "b/c"))));
        assertNull(MediaRanges.invalidRange((Enumeration<String>) null));
    }
}
