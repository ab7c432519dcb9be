package io.kafkasse.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RequestIdsTest {

    private static final String GENERATED = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void aSafeShortTokenIsKept() {
        assertEquals("abc-123", RequestIds.accept("abc-123"));
        assertEquals("1-5759e988:a.b_c@d+e", RequestIds.accept("1-5759e988:a.b_c@d+e"));
        assertEquals("x".repeat(64), RequestIds.accept("x".repeat(64)));
    }

    @Test
    void anythingElseIsReplacedByAGeneratedId() {
        for (String unsafe : new String[] {null, "", " ", "a b", "x".repeat(65), "line\nbreak", "quote\"", "-leading", "ünï"}) {
            String id = RequestIds.accept(unsafe);
            assertTrue(id.matches(GENERATED), unsafe + " -> " + id);
        }
        assertNotEquals(RequestIds.accept(null), RequestIds.accept(null));
    }
}
