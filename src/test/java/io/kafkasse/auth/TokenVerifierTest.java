package io.kafkasse.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.kafkasse.config.TokenSettings;
import io.kafkasse.it.support.BearerTokens;

class TokenVerifierTest {

    private static final long NOW = System.currentTimeMillis();
    private static final Instant IN_TEN_MINUTES = Instant.ofEpochMilli(NOW).plusSeconds(600);

    private static TokenSettings settings(Optional<String> issuer, List<String> audiences, Optional<String> algorithm) {
        return new TokenSettings(Optional.of(BearerTokens.jwks()), Optional.empty(), issuer, audiences, algorithm,
                Duration.ZERO, Optional.empty(), Optional.empty(), false);
    }

    private static TokenVerifier verifier() {
        return verifier(settings(Optional.of(BearerTokens.ISSUER), List.of(BearerTokens.AUDIENCE), Optional.empty()));
    }

    private static TokenVerifier verifier(TokenSettings settings) {
        return new TokenVerifier(KeySource.of(settings), settings);
    }

    private static String claims(Instant expires) {
        return BearerTokens.claims("ana", List.of("ops", "audit"), BearerTokens.ISSUER, BearerTokens.AUDIENCE, expires);
    }

    private static String refusal(String token) {
        return assertThrows(TokenRefused.class, () -> verifier().verify(token, NOW)).getMessage();
    }

    @Test
    void aTokenSignedByATrustedKeyGivesTheCallerItsNameRolesAndExpiry() throws Exception {
        Caller caller = verifier().verify(BearerTokens.token("ana", List.of("ops", "audit"), IN_TEN_MINUTES), NOW);
        assertEquals("ana", caller.name());
        assertEquals(Set.of("ops", "audit"), caller.roles());
        assertEquals(IN_TEN_MINUTES.getEpochSecond() * 1000, caller.expiresAtMillis());
    }

    @Test
    void rsaPssAndEcSignaturesVerifyToo() throws Exception {
        assertEquals("ana", verifier().verify(BearerTokens.sign("PS256", BearerTokens.RSA_KID, claims(IN_TEN_MINUTES)), NOW).name());
        assertEquals("ana", verifier().verify(BearerTokens.sign("ES256", BearerTokens.EC_KID, claims(IN_TEN_MINUTES)), NOW).name());
        // No kid: every key of the algorithm's type is tried.
        assertEquals("ana", verifier().verify(BearerTokens.sign("ES256", null, claims(IN_TEN_MINUTES)), NOW).name());
    }

    @Test
    void theKeyFormsOfMicroProfileJwtAreRead() throws Exception {
        for (String key : List.of(BearerTokens.publicKeyPem(), BearerTokens.publicKeyBase64())) {
            TokenSettings settings = new TokenSettings(Optional.of(key), Optional.empty(), Optional.empty(), List.of(),
                    Optional.empty(), Duration.ZERO, Optional.empty(), Optional.empty(), false);
            assertEquals("ana", verifier(settings).verify(BearerTokens.token("ana", List.of(), IN_TEN_MINUTES), NOW).name());
        }
    }

    @Test
    void anExpiredTokenIsRefusedAsExpired() {
        TokenRefused refused = assertThrows(TokenRefused.class,
                () -> verifier().verify(BearerTokens.token("ana", List.of("ops"), Instant.ofEpochMilli(NOW)), NOW));
        assertTrue(refused.isExpiry());
        assertEquals("the token has expired", refused.getMessage());
    }

    @Test
    void aSignatureByAnUnknownKeyIsRefused() {
        assertEquals("the token's signature does not verify with the configured keys",
                refusal(BearerTokens.signByStranger(claims(IN_TEN_MINUTES))));
    }

    @Test
    void changedClaimsBreakTheSignature() {
        String[] parts = BearerTokens.token("ana", List.of("viewer"), IN_TEN_MINUTES).split("\\.");
        String forged = parts[0] + "." + BearerTokens.b64(claims(IN_TEN_MINUTES)) + "." + parts[2];
        assertEquals("the token's signature does not verify with the configured keys", refusal(forged));
    }

    @Test
    void unsignedAndSharedSecretTokensAreNeverAccepted() {
        assertTrue(refusal(BearerTokens.unsigned(claims(IN_TEN_MINUTES))).startsWith("the token is not a signed JWT"));
        String hs256 = BearerTokens.b64("{\"alg\":\"HS256\"}") + "." + BearerTokens.b64(claims(IN_TEN_MINUTES)) + ".c2ln";
        assertTrue(refusal(hs256).startsWith("the token's algorithm is not accepted"));
    }

    @Test
    void issuerAndAudienceMustBeTheConfiguredOnes() {
        assertEquals("the token's issuer (iss) is not the one this service trusts", refusal(BearerTokens.sign("RS256",
                BearerTokens.RSA_KID, BearerTokens.claims("ana", List.of(), "https://elsewhere", BearerTokens.AUDIENCE, IN_TEN_MINUTES))));
        assertEquals("the token is not meant for this service (aud)", refusal(BearerTokens.sign("RS256",
                BearerTokens.RSA_KID, BearerTokens.claims("ana", List.of(), BearerTokens.ISSUER, "another-api", IN_TEN_MINUTES))));
    }

    @Test
    void aConfiguredAlgorithmIsTheOnlyOneAccepted() {
        TokenVerifier rsaOnly = verifier(settings(Optional.empty(), List.of(), Optional.of("RS256")));
        assertThrows(TokenRefused.class, () -> rsaOnly.verify(BearerTokens.sign("ES256", BearerTokens.EC_KID, claims(IN_TEN_MINUTES)), NOW));
    }

    @Test
    void aTokenWithMoreGroupsThanTheBoundIsRefused() throws Exception {
        List<String> many = java.util.stream.IntStream.range(0, 257).mapToObj(i -> "g" + i).toList();
        assertEquals("the token has more than 256 groups", refusal(BearerTokens.token("ana", many, IN_TEN_MINUTES)));
        assertEquals(256, verifier().verify(BearerTokens.token("ana", many.subList(0, 256), IN_TEN_MINUTES), NOW).roles().size());
    }

    @Test
    void malformedAndOversizedTokensAreRefusedWithoutQuotingThem() {
        assertEquals("the token is longer than 8192 characters", refusal("a".repeat(9000)));
        assertTrue(refusal("a.b.c.d.e").contains("encrypted tokens (JWE) are not accepted"));
        assertEquals("the token's header is not base64url", refusal("***.e30.c2ln"));
        assertEquals("the token's header is not a JSON object", refusal(BearerTokens.b64("[1]") + ".e30.c2ln"));
        String noExpiry = BearerTokens.sign("RS256", BearerTokens.RSA_KID, "{\"iss\":\"" + BearerTokens.ISSUER
                + "\",\"aud\":\"" + BearerTokens.AUDIENCE + "\",\"sub\":\"x\"}");
        assertEquals("the token has no expiry (exp)", refusal(noExpiry));
        String critical = BearerTokens.b64("{\"alg\":\"RS256\",\"crit\":[\"x\"]}") + ".e30.c2ln";
        assertTrue(refusal(critical).contains("critical header"));
    }
}
