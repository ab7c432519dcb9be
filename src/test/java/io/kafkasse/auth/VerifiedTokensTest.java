package io.kafkasse.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Set;

import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final long NOW = 1_000_000L;

    @Test
    void aVerifiedTokenIsKnownUntilItsExpiry() {
        VerifiedTokens tokens = new VerifiedTokens();
        Caller ana = new Caller("ana", Set.of("ops"), NOW + 1000);
        tokens.put("a.b.c", ana);
        assertEquals(ana, tokens.get("a.b.c", NOW));
        assertNull(tokens.get("a.b.c", NOW + 1000), "expired");
        assertNull(tokens.get("a.b.d", NOW), "another token");
    }

    @Test
    void itNeverHoldsMoreThanItsBound() {
        VerifiedTokens tokens = new VerifiedTokens();
        for (int i = 0; i < VerifiedTokens.MAX_ENTRIES * 3; i++) {
            tokens.put("token-" + i, new Caller("c", Set.of(), NOW + 1000));
            if (tokens.size() > VerifiedTokens.MAX_ENTRIES) {
                throw new AssertionError("holds " + tokens.size());
            }
        }
    }
}
