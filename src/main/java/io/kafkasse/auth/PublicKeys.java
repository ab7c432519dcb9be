package io.kafkasse.auth;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The public keys that tokens are verified with, in every form MicroProfile JWT's {@code mp.jwt.verify.publickey}
 * takes: a PEM public key or certificate, the key's base64 DER, a JSON Web Key, or a JWK set (keys marked
 * {@code "use":"enc"} are left out). Only RSA and EC keys: a token signed with a shared secret is never accepted.
 */
final class PublicKeys {

    /** A key and its {@code kid}, null when it has none. */
    record Named(String id, PublicKey key) {
    }

    private static final Map<String, String> CURVES = Map.of("P-256", "secp256r1", "P-384", "secp384r1", "P-521", "secp521r1");

    private PublicKeys() {
    }

    /** @throws IllegalArgumentException naming what is wrong with the text (never quoting it) */
    static List<Named> parse(String text) {
        String trimmed = text.trim();
        try {
            if (trimmed.startsWith("{")) {
                return fromJwk(Json.createReader(new StringReader(trimmed)).readObject());
            }
            if (trimmed.contains("-----BEGIN CERTIFICATE-----")) {
                return List.of(new Named(null, CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(trimmed.getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                        .getPublicKey()));
            }
            String base64 = trimmed.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
            return List.of(new Named(null, fromDer(Base64.getDecoder().decode(base64))));
        } catch (JsonException | ClassCastException e) {
            throw new IllegalArgumentException("a JSON Web Key or JWK set that cannot be read: " + e.getMessage());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("no RSA or EC public key could be read from it (PEM, base64 DER, JWK or JWK set)");
        }
    }

    private static PublicKey fromDer(byte[] der) throws GeneralSecurityException {
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        try {
            return KeyFactory.getInstance("RSA").generatePublic(spec);
        } catch (GeneralSecurityException e) {
            return KeyFactory.getInstance("EC").generatePublic(spec);
        }
    }

    private static List<Named> fromJwk(JsonObject json) throws GeneralSecurityException {
        List<Named> keys = new ArrayList<>();
        if (json.containsKey("keys")) {
            JsonArray set = json.getJsonArray("keys");
            for (JsonValue key : set) {
                JsonObject jwk = key.asJsonObject();
                if (!"enc".equals(string(jwk, "use"))) {
                    keys.add(fromKey(jwk));
                }
            }
        } else {
            keys.add(fromKey(json));
        }
        if (keys.isEmpty()) {
            throw new GeneralSecurityException("no signing key in the set");
        }
        return keys;
    }

    private static Named fromKey(JsonObject jwk) throws GeneralSecurityException {
        String type = string(jwk, "kty");
        String id = string(jwk, "kid");
        if ("RSA".equals(type)) {
            return new Named(id, KeyFactory.getInstance("RSA").generatePublic(
                    new RSAPublicKeySpec(number(jwk, "n"), number(jwk, "e"))));
        }
        if ("EC".equals(type)) {
            String curve = CURVES.get(string(jwk, "crv"));
            if (curve == null) {
                throw new GeneralSecurityException("unsupported curve");
            }
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(curve));
            ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
            return new Named(id, KeyFactory.getInstance("EC").generatePublic(
                    new ECPublicKeySpec(new ECPoint(number(jwk, "x"), number(jwk, "y")), spec)));
        }
        throw new GeneralSecurityException("unsupported key type");
    }

    private static String string(JsonObject json, String name) {
        JsonValue value = json.get(name);
        return value instanceof JsonString text ? text.getString() : null;
    }

    private static BigInteger number(JsonObject jwk, String name) throws GeneralSecurityException {
        String value = string(jwk, name);
        if (value == null) {
            throw new GeneralSecurityException("missing " + name);
        }
        return new BigInteger(1, Base64.getUrlDecoder().decode(value));
    }
}
