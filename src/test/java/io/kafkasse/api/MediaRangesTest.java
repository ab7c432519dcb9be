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
            "a/b;x=\"\\\";q=2\"", "text/event-stream;level=1", "*/*;q=0.8765", "a/b, , c/d", "text/html;;",
            "text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2",
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"})
    void acceptsWhatClientsSend(String accept) {
        assertNull(MediaRanges.invalidRange(accept, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/event-stream;q=abc", "*/*;q=2", "*/*;q=1.5", "*/*; q = NaN", "*/*;q=-0", "*/*;q=",
            "SH'%yD5R9/OCm$;Q", "a/b; q ;x=1", "*/*;q=1e-1", "*/*;q=\"0.5\"", "*/*;q=0x1p-1", "*/*;q=.",
            "garbage", "|6nc7k", "text/", "/html", "text/html/x", "text /html", ";q=0.5"})
    void malformedRangesAreFound(String accept) {
        assertEquals(accept, MediaRanges.invalidRange(accept, true));
    }

    @Test
    void aContentTypeIsCheckedForItsWeightOnly() {
        assertNull(MediaRanges.invalidRange("garbage", false));
        assertNull(MediaRanges.invalidRange("text/plain;charset=\"unterminated", false));
        assertEquals("a/b;q", MediaRanges.invalidRange("a/b;q", false));
        assertEquals("application/json;q=2", MediaRanges.invalidRange("application/json;q=2", false));
    }

    @Test
    void theOffendingRangeIsNamedAmongOthers() {
        assertEquals("text/html;q=sh'%yd5r9/ocm$",
                MediaRanges.invalidRange("text/event-stream, text/html;q=sh'%yd5r9/ocm$ , */*", true));
        assertEquals("|6nc7k", MediaRanges.invalidRange("|6nc7k,qt#[!=wdqrY", true));
        assertEquals("b/c;q=7", MediaRanges.invalidRange(Collections.enumeration(List.of("a/b;q=0.5", "b/c;q=7")), true));
        assertNull(MediaRanges.invalidRange(Collections.enumeration(List.of("a/b;q=0.5", "b/c")), true));
        assertNull(MediaRanges.invalidRange((Enumeration<String>) null, true));
    }
}
