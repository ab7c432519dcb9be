package io.kafkasse.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.kafkasse.ForAll;
import io.kafkasse.HostileText;
import io.kafkasse.config.TokenSettings;
import io.kafkasse.it.support.BearerTokens;

/**
 * Whatever a client sends as a token, the verifier answers with a refusal it can show (never another exception, never
 * an acceptance): generated garbage, valid tokens changed anywhere, headers and claims of every shape re-signed by no
 * trusted key.
 */
class TokenVerifierPropertiesTest {

    private static final List<String> PIECES = List.of(".", "..", "eyJ", "e30", "=", "-", "_", "+", "/", "{", "}", "\"alg\"",
            "\"none\"", "\"RS256\"", "\"kid\"", "[", "]", "null", "0", "-1", "1e999", "\u0000", "\u00e9", "\ud83d\ude00");
    private static final TokenSettings SETTINGS = new TokenSettings(Optional.of(BearerTokens.jwks()), Optional.empty(),
            Optional.of(BearerTokens.ISSUER), List.of(BearerTokens.AUDIENCE), Optional.empty(), Duration.ZERO,
            Optional.empty(), Optional.empty(), false);
    private static final TokenVerifier VERIFIER = new TokenVerifier(KeySource.of(SETTINGS), SETTINGS);
    private static final String VALID = BearerTokens.token("ana", List.of("ops"), Instant.now().plusSeconds(3600));

    @Test
    void noGeneratedTokenIsAcceptedOrFailsOtherwiseThanWithAReason() {
        ForAll.check(3_000, random -> HostileText.oneOf(random,
                r -> HostileText.of(r, PIECES, 40),
                r -> HostileText.mutate(r, VALID, PIECES),
                r -> BearerTokens.b64(HostileText.of(r, PIECES, 20)) + "." + BearerTokens.b64(HostileText.of(r, PIECES, 20))
                        + "." + BearerTokens.b64(HostileText.any(r)),
                TokenVerifierPropertiesTest::resignedByAStranger), token -> {
                    if (token.equals(VALID)) {
                        return;
                    }
                    try {
                        VERIFIER.verify(token, System.currentTimeMillis());
                        if (!sameBytesAsTheValidToken(token)) {
                            fail("accepted");
                        }
                    } catch (TokenRefused refused) {
                        assertEquals(-1, refused.getMessage().indexOf(token.length() > 20 ? token : "\u0000\u0000"),
                                "the reason quotes the token");
                    }
                });
    }

    /**
     * Base64 has spellings that decode to the same bytes (unused low bits of the last character): such a token is the
     * valid one, re-spelled, and may be accepted.
     */
    private static boolean sameBytesAsTheValidToken(String token) {
        String[] parts = token.split("\\.", -1);
        String[] valid = VALID.split("\\.", -1);
        if (parts.length != valid.length) {
            return false;
        }
        for (int i = 0; i < parts.length; i++) {
            if (!java.util.Arrays.equals(Base64.getUrlDecoder().decode(parts[i]), Base64.getUrlDecoder().decode(valid[i]))) {
                return false;
            }
        }
        return true;
    }

    private static String resignedByAStranger(Random random) {
        return BearerTokens.signByStranger(HostileText.of(random, PIECES, 30));
    }
}
