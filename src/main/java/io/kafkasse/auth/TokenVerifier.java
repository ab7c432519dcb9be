package io.kafkasse.auth;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import io.kafkasse.config.TokenSettings;

/**
 * Verifies MicroProfile JWT bearer tokens (signed JWS compact form) as the platform's MP JWT does, with the standard
 * {@code mp.jwt.verify.*} settings: an RSA or EC signature by a configured key, {@code exp} required and in the
 * future, {@code nbf} passed, the issuer and one of the audiences when configured; roles come from {@code groups}.
 * <p>
 * Why the service verifies tokens itself rather than through each server's MP JWT: that one reads only the
 * {@code Authorization} header portably (a browser's EventSource cannot set it), refuses any request with a bad
 * token even for public streams on two of the three servers, and answers 500 to a token when no key is configured;
 * here every server behaves the same, and tokens stay off until a key is configured.
 * <p>
 * Every bound is checked before the work it limits: the token's length before it is decoded, the header before a key
 * is tried, the signature before the claims are read.
 */
public final class TokenVerifier {

    /** Longer tokens are refused unread: no identity provider issues them, and each costs a decode and a signature check. */
    public static final int MAX_TOKEN_LENGTH = 8 * 1024;
    private static final int MAX_ROLES = 256;
    private static final int MAX_NAME_LENGTH = 100;

    private final KeySource keys;
    private final TokenSettings settings;

    public TokenVerifier(KeySource keys, TokenSettings settings) {
        this.keys = keys;
        this.settings = settings;
    }

    public Caller verify(String token, long nowMillis) throws TokenRefused {
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new TokenRefused("the token is longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[2].isEmpty()) {
            throw new TokenRefused(parts.length == 5 ? "encrypted tokens (JWE) are not accepted; send a signed token"
                    : "the token is not a signed JWT (header.payload.signature)");
        }
        JsonObject header = json(parts[0], "header");
        Algorithm algorithm = Algorithm.of(text(header, "alg"));
        if (algorithm == null || settings.algorithm().filter(a -> !a.equals(algorithm.name())).isPresent()) {
            throw new TokenRefused("the token's algorithm is not accepted (accepted: "
                    + settings.algorithm().orElse("RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512") + ")");
        }
        if (header.containsKey("crit")) {
            throw new TokenRefused("the token names critical header parameters this service does not know");
        }
        byte[] signed = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        byte[] signature = decode(parts[2], "signature");
        if (!signedByTrustedKey(algorithm, text(header, "kid"), signed, signature)) {
            throw new TokenRefused("the token's signature does not verify with the configured keys");
        }
        return claims(json(parts[1], "payload"), nowMillis);
    }

    private boolean signedByTrustedKey(Algorithm algorithm, String keyId, byte[] signed, byte[] signature) {
        if (check(keys.keys(), algorithm, keyId, signed, signature)) {
            return true;
        }
        // A key the service has not seen yet (rotated at the identity provider): the source may fetch it again.
        Optional<List<PublicKeys.Named>> refreshed = keys.refreshed();
        return refreshed.isPresent() && check(refreshed.get(), algorithm, keyId, signed, signature);
    }

    private static boolean check(List<PublicKeys.Named> candidates, Algorithm algorithm, String keyId, byte[] signed,
                                 byte[] signature) {
        boolean anyNamed = keyId != null && candidates.stream().anyMatch(k -> keyId.equals(k.id()));
        for (PublicKeys.Named candidate : candidates) {
            if (anyNamed && !keyId.equals(candidate.id()) || !algorithm.fits(candidate.key())) {
                continue;
            }
            if (algorithm.verifies(candidate.key(), signed, signature)) {
                return true;
            }
        }
        return false;
    }

    private Caller claims(JsonObject claims, long nowMillis) throws TokenRefused {
        long skew = settings.clockSkew().toMillis();
        long expires = seconds(claims, "exp").orElseThrow(() -> new TokenRefused("the token has no expiry (exp)")) * 1000;
        if (nowMillis >= expires + skew) {
            throw TokenRefused.ofExpiry();
        }
        Optional<Long> notBefore = seconds(claims, "nbf");
        if (notBefore.isPresent() && nowMillis + skew < notBefore.get() * 1000) {
            throw new TokenRefused("the token is not valid yet (nbf)");
        }
        if (settings.tokenAge().isPresent()) {
            long issued = seconds(claims, "iat").orElseThrow(() -> new TokenRefused("the token has no issue time (iat)")) * 1000;
            if (nowMillis - issued > settings.tokenAge().get().toMillis() + skew) {
                throw new TokenRefused("the token is older than this service accepts (iat)");
            }
        }
        if (settings.issuer().isPresent() && !settings.issuer().get().equals(text(claims, "iss"))) {
            throw new TokenRefused("the token's issuer (iss) is not the one this service trusts");
        }
        if (!settings.audiences().isEmpty() && !forAudience(claims.get("aud"))) {
            throw new TokenRefused("the token is not meant for this service (aud)");
        }
        return new Caller(name(claims), roles(claims.get("groups")), expires + skew);
    }

    private boolean forAudience(JsonValue audience) {
        if (audience instanceof JsonString one) {
            return settings.audiences().contains(one.getString());
        }
        if (audience != null && audience.getValueType() == JsonValue.ValueType.ARRAY) {
            return audience.asJsonArray().stream()
                    .anyMatch(v -> v instanceof JsonString s && settings.audiences().contains(s.getString()));
        }
        return false;
    }

    private static Set<String> roles(JsonValue groups) throws TokenRefused {
        if (groups == null || groups.getValueType() != JsonValue.ValueType.ARRAY) {
            return Set.of();
        }
        if (groups.asJsonArray().size() > MAX_ROLES) {
            throw new TokenRefused("the token has more than " + MAX_ROLES + " groups");
        }
        Set<String> roles = new LinkedHashSet<>();
        groups.asJsonArray().forEach(v -> {
            if (v instanceof JsonString role) {
                roles.add(role.getString());
            }
        });
        return Set.copyOf(roles);
    }

    /** A name for logs: printable, bounded. */
    private static String name(JsonObject claims) {
        String name = text(claims, "upn");
        name = name != null ? name : text(claims, "preferred_username");
        name = name != null ? name : text(claims, "sub");
        if (name == null) {
            return "(unnamed)";
        }
        StringBuilder safe = new StringBuilder();
        for (int i = 0; i < name.length() && i < MAX_NAME_LENGTH; i++) {
            char c = name.charAt(i);
            safe.append(c >= 0x20 && c < 0x7f ? c : '_');
        }
        return safe.toString();
    }

    private static JsonObject json(String part, String what) throws TokenRefused {
        try {
            return Json.createReader(new StringReader(new String(decode(part, what), StandardCharsets.UTF_8))).readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new TokenRefused("the token's " + what + " is not a JSON object");
        }
    }

    private static byte[] decode(String part, String what) throws TokenRefused {
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new TokenRefused("the token's " + what + " is not base64url");
        }
    }

    private static String text(JsonObject json, String name) {
        return json.get(name) instanceof JsonString value ? value.getString() : null;
    }

    private static Optional<Long> seconds(JsonObject json, String name) throws TokenRefused {
        JsonValue value = json.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof JsonNumber number)) {
            throw new TokenRefused("the token's " + name + " is not a number of seconds");
        }
        return Optional.of(number.bigDecimalValue().longValue());
    }

    /** The JWS algorithms with a public key; never "none" or a shared secret (HS*). */
    private enum Algorithm {
        RS256("SHA256withRSA", null), RS384("SHA384withRSA", null), RS512("SHA512withRSA", null),
        PS256("RSASSA-PSS", "SHA-256"), PS384("RSASSA-PSS", "SHA-384"), PS512("RSASSA-PSS", "SHA-512"),
        ES256("SHA256withECDSAinP1363Format", null), ES384("SHA384withECDSAinP1363Format", null),
        ES512("SHA512withECDSAinP1363Format", null);

        private final String jca;
        private final String pssHash;

        Algorithm(String jca, String pssHash) {
            this.jca = jca;
            this.pssHash = pssHash;
        }

        static Algorithm of(String name) {
            for (Algorithm algorithm : values()) {
                if (algorithm.name().equals(name)) {
                    return algorithm;
                }
            }
            return null;
        }

        boolean fits(PublicKey key) {
            return name().startsWith("ES") ? key instanceof ECPublicKey : key instanceof RSAPublicKey;
        }

        boolean verifies(PublicKey key, byte[] signed, byte[] signature) {
            try {
                Signature verifier = Signature.getInstance(jca);
                if (pssHash != null) {
                    int length = Integer.parseInt(pssHash.substring(4)) / 8;
                    verifier.setParameter(new PSSParameterSpec(pssHash, "MGF1", new MGF1ParameterSpec(pssHash), length, 1));
                }
                verifier.initVerify(key);
                verifier.update(signed);
                return verifier.verify(signature);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return false;
            }
        }
    }
}
